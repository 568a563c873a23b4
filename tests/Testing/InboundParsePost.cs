using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using MimeKit;

namespace Pathfinder.Testing;

/// <summary>
/// An email as SendGrid Inbound Parse posts it by default: multipart/form-data with boundary <c>xYzZY</c>, text
/// fields without a Content-Type of their own, JSON in <c>envelope</c>, <c>charsets</c> and <c>attachment-info</c>,
/// DKIM results as <c>{@domain : pass}</c>, and the files as <c>attachment1..N</c>.
/// </summary>
public sealed record InboundParsePost
{
    public const string Q35Address = "pathfinders.q35@inbound.pathfinders.example.nhs.uk";
    public const string SenderAddress = "jane.lead@fenland.example.nhs.uk";

    public string From { get; init; } = $"Dr Jane Lead <{SenderAddress}>";
    public string To { get; init; } = Q35Address;
    public string Subject { get; init; } = "Expression of interest: Fenland Health Consortium";
    public string? Text { get; init; }
    public string? Html { get; init; }
    public string? MessageId { get; init; } = $"<{Guid.NewGuid():N}@mail.fenland.example.nhs.uk>";
    public string Spf { get; init; } = "pass";
    public string Dkim { get; init; } = "{@fenland.example.nhs.uk : pass}";
    public string? SpamScore { get; init; } = "0.3";
    public IReadOnlyList<(string FileName, string ContentType, byte[] Content)> Attachments { get; init; } = [];

    public static (string, string, byte[]) Docx(string fileName, byte[] content) =>
        (fileName, "application/vnd.openxmlformats-officedocument.wordprocessingml.document", content);

    public static (string, string, byte[]) TextFile(string fileName, string content) =>
        (fileName, "text/plain", Encoding.UTF8.GetBytes(content));

    public static (string, string, byte[]) Csv(string fileName, string content) =>
        (fileName, "text/csv", Encoding.UTF8.GetBytes(content));

    public MultipartFormDataContent Build()
    {
        var form = new MultipartFormDataContent("xYzZY");
        var headers = new StringBuilder()
            .Append(
                "Received: by mx.sendgrid.net with SMTP id 4zQxS0vGRX2OjN2m3TkMHw Mon, 01 Nov 2010 09:00:01 +0000 "
                    + "(UTC)\n"
            )
            .Append("DKIM-Signature: v=1; a=rsa-sha256; c=relaxed/relaxed; d=fenland.example.nhs.uk; s=mail;\n")
            .Append(
                "        h=from:to:subject:date:message-id; bh=47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=; "
                    + "b=dGVzdA==\n"
            )
            .Append("Date: Mon, 1 Nov 2010 09:00:00 +0000\n")
            .Append("From: ")
            .Append(From)
            .Append('\n')
            .Append(MessageId is null ? "" : $"Message-ID: {MessageId}\n")
            .Append("Subject: ")
            .Append(Subject)
            .Append('\n')
            .Append("To: ")
            .Append(To)
            .Append('\n')
            .Append("MIME-Version: 1.0\n")
            .Append("Content-Type: multipart/mixed; boundary=\"000000000000abcdef0123456789\"\n")
            .ToString();
        Field(form, "headers", headers);
        Field(form, "dkim", Dkim);
        Field(form, "to", To);
        if (Html is not null)
        {
            Field(form, "html", Html);
        }
        Field(form, "from", From);
        if (Text is not null)
        {
            Field(form, "text", Text);
        }
        Field(form, "sender_ip", "192.0.2.25");
        if (SpamScore is not null)
        {
            Field(
                form,
                "spam_report",
                "Spam detection software, running on the system \"mx.sendgrid.net\", has\n"
                    + $"identified this incoming email as possible spam. Content analysis details: ({SpamScore} "
                    + $"points)\n"
            );
        }
        Field(form, "envelope", JsonSerializer.Serialize(new { to = new[] { Mailbox(To) }, from = Mailbox(From) }));
        Field(form, "attachments", Attachments.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Field(form, "subject", Subject);
        if (SpamScore is not null)
        {
            Field(form, "spam_score", SpamScore);
        }
        if (Attachments.Count > 0)
        {
            Field(
                form,
                "attachment-info",
                JsonSerializer.Serialize(
                    Attachments
                        .Select((a, i) => (a, i))
                        .ToDictionary(
                            x => $"attachment{x.i + 1}",
                            x => new Dictionary<string, string>
                            {
                                ["filename"] = x.a.FileName,
                                ["name"] = x.a.FileName,
                                ["type"] = x.a.ContentType,
                            }
                        )
                )
            );
        }
        var charsets = new Dictionary<string, string>
        {
            ["to"] = "UTF-8",
            ["from"] = "UTF-8",
            ["subject"] = "UTF-8",
        };
        if (Text is not null)
        {
            charsets["text"] = "utf-8";
        }
        if (Html is not null)
        {
            charsets["html"] = "utf-8";
        }
        Field(form, "charsets", JsonSerializer.Serialize(charsets));
        Field(form, "SPF", Spf);
        for (var i = 0; i < Attachments.Count; i++)
        {
            var (fileName, contentType, content) = Attachments[i];
            var file = new ByteArrayContent(content);
            file.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            form.Add(file, $"attachment{i + 1}", fileName);
        }
        return form;
    }

    /// <summary>The POST's exact bytes and content type, e.g. to cut them short.</summary>
    public async Task<(byte[] Body, string ContentType)> BytesAsync()
    {
        using var content = Build();
        return (await content.ReadAsByteArrayAsync(), content.Headers.ContentType!.ToString());
    }

    // SendGrid's text fields carry no Content-Type of their own.
    private static void Field(MultipartFormDataContent form, string name, string value)
    {
        var content = new ByteArrayContent(Encoding.UTF8.GetBytes(value));
        form.Add(content, name);
    }

    private static string Mailbox(string header) =>
        MailboxAddress.TryParse(header, out var mailbox) ? mailbox.Address : header;
}
