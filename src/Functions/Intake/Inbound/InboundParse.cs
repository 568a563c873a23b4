using System.Globalization;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// SendGrid Inbound Parse's default (parsed, not raw MIME) POST: multipart/form-data whose fields are named as below.
/// <c>envelope</c>, <c>charsets</c> and <c>attachment-info</c> are JSON; <c>dkim</c> is SendGrid's own
/// <c>{@example.com : pass}</c> notation; <c>SPF</c> is a word such as <c>pass</c>, <c>softfail</c> or <c>fail</c>;
/// <c>spam_score</c> is SpamAssassin's score as a number string (present only when the spam check is on).
/// </summary>
public static class InboundParse
{
    public const string From = "from";
    public const string To = "to";
    public const string Cc = "cc";
    public const string Subject = "subject";
    public const string Text = "text";
    public const string Html = "html";
    public const string Headers = "headers";
    public const string Envelope = "envelope";
    public const string Attachments = "attachments";
    public const string AttachmentInfo = "attachment-info";
    public const string Spf = "SPF";
    public const string Dkim = "dkim";
    public const string SpamScore = "spam_score";
    public const string SpamReport = "spam_report";
    public const string Charsets = "charsets";
    public const string SenderIp = "sender_ip";

    /// <summary>Each field's text, decoded with the charset SendGrid names for it in <c>charsets</c> (UTF-8
    /// otherwise).</summary>
    public static string Decode(string field, byte[] bytes, IReadOnlyDictionary<string, string> charsets)
    {
        var encoding = Encoding.UTF8;
        if (charsets.TryGetValue(field, out var name))
        {
            try
            {
                encoding = Encoding.GetEncoding(name);
            }
            catch (Exception e) when (e is ArgumentException or NotSupportedException)
            {
                // An unknown charset name, or one .NET refuses (UTF-7): UTF-8 reads most mail, and the raw bytes stay
                // in the archive.
            }
        }
        return encoding.GetString(bytes);
    }

    /// <summary><c>{"to":"UTF-8","text":"iso-8859-1"}</c> as a dictionary; empty when absent or not JSON.</summary>
    public static IReadOnlyDictionary<string, string> ReadCharsets(byte[]? json) =>
        ReadJsonObject(json)
            .Select(p => (p.Key, Value: StringOf(p.Value)))
            .Where(p => p.Value is not null)
            .ToDictionary(p => p.Key, p => p.Value!, StringComparer.Ordinal);

    /// <summary>The SMTP envelope: <c>{"to":["pathfinders.q35@..."],"from":"bounce@..."}</c>.</summary>
    public static (IReadOnlyList<string> To, string? From) ReadEnvelope(string? json)
    {
        var envelope = ReadJsonObject(json is null ? null : Encoding.UTF8.GetBytes(json));
        var to =
            envelope.TryGetValue("to", out var t) && t.ValueKind == JsonValueKind.Array
                ? t.EnumerateArray().Select(StringOf).OfType<string>().ToList()
                : [];
        var from = envelope.TryGetValue("from", out var f) ? StringOf(f) : null;
        return (to, from);
    }

    /// <summary>
    /// <c>{"attachment1":{"filename":"form.docx","name":"form.docx","type":"application/...",
    /// "content-id":"..."}}</c>.
    /// </summary>
    public static IReadOnlyDictionary<string, (string? FileName, string? Type)> ReadAttachmentInfo(string? json)
    {
        var info = ReadJsonObject(json is null ? null : Encoding.UTF8.GetBytes(json));
        var result = new Dictionary<string, (string?, string?)>(StringComparer.Ordinal);
        foreach (var (field, value) in info)
        {
            if (value.ValueKind == JsonValueKind.Object)
            {
                result[field] = (Str(value, "filename") ?? Str(value, "name"), Str(value, "type"));
            }
        }
        return result;

        static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? StringOf(v) : null;
    }

    /// <summary>
    /// The results of every DKIM signature, from <c>{@example.com : pass, @other.org : fail}</c>; empty when the
    /// email carried none (<c>{}</c> or no field).
    /// </summary>
    public static IReadOnlyList<(string Domain, string Result)> ReadDkim(string? dkim)
    {
        if (string.IsNullOrWhiteSpace(dkim))
        {
            return [];
        }
        return dkim.Trim()
            .TrimStart('{')
            .TrimEnd('}')
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(s => s.Split(':', 2, StringSplitOptions.TrimEntries))
            .Where(p => p.Length == 2 && p[1].Length > 0)
            .Select(p => (p[0].TrimStart('@'), p[1].ToLowerInvariant()))
            .ToList();
    }

    /// <summary>SpamAssassin's score, when the spam check ran and sent a number.</summary>
    public static double? ReadSpamScore(string? score) =>
        double.TryParse(score?.Trim(), NumberStyles.Float, CultureInfo.InvariantCulture, out var value) ? value : null;

    /// <summary>The Message-ID header from the raw <c>headers</c> field, without its angle brackets.</summary>
    public static string? ReadMessageId(string? headers)
    {
        if (string.IsNullOrWhiteSpace(headers))
        {
            return null;
        }
        try
        {
            // Headers end at a blank line; the field has none, so add one for the parser.
            using var stream = new MemoryStream(Encoding.UTF8.GetBytes(headers.TrimEnd() + "\r\n\r\n"));
            var list = HeaderList.Load(stream);
            var value = list[HeaderId.MessageId]?.Trim();
            return string.IsNullOrEmpty(value) ? null : value.Trim('<', '>').Trim();
        }
        catch (Exception e) when (e is ParseException or FormatException)
        {
            // MimeKit reports some damaged header blocks as FormatException ("Failed to parse headers"), not
            // ParseException.
            return null;
        }
    }

    /// <summary>Every mailbox in an address header such as <c>to</c> (display names dropped).</summary>
    public static IReadOnlyList<string> Mailboxes(string? header) =>
        !string.IsNullOrWhiteSpace(header) && InternetAddressList.TryParse(header, out var list)
            ? [.. list.Mailboxes.Select(m => m.Address)]
            : [];

    private static Dictionary<string, JsonElement> ReadJsonObject(byte[]? json)
    {
        if (json is null || json.Length == 0)
        {
            return [];
        }
        try
        {
            using var document = JsonDocument.Parse(json);
            var result = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
            if (document.RootElement.ValueKind == JsonValueKind.Object)
            {
                foreach (var property in document.RootElement.EnumerateObject())
                {
                    // A name given twice is legal JSON: the later value stands, as in JavaScript.
                    result[property.Name] = property.Value.Clone();
                }
            }
            return result;
        }
        catch (Exception e) when (e is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a name that is not valid UTF-8 (JsonDocument checks the structure, not that).
            return [];
        }
    }

    /// <summary>
    /// A JSON string's text; null when it is not a string, or cannot be text: invalid UTF-8 or a lone surrogate
    /// (<c>"\ud800"</c>) parse as JSON, but <see cref="JsonElement.GetString"/> throws on them.
    /// </summary>
    private static string? StringOf(JsonElement element)
    {
        if (element.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        try
        {
            return element.GetString();
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }
}
