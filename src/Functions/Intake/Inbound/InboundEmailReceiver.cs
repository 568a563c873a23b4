using System.Buffers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.WebUtilities;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using MimeKit;
using Pathfinder.Functions.Hosting;
using Limits = Pathfinder.Functions.Intake.Inbound.EmailIntakeOptions.Limits;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// Reads an Inbound Parse POST as a stream, part by part, into the archive, then records the email. Attachments and
/// large fields stream straight to blobs of their own; the small fields are held (up to 256 KB in all) and archived
/// together as one blob, so memory does not grow with attachments and an email costs few storage calls.
/// </summary>
public sealed partial class InboundEmailReceiver(
    InboundArchive archive,
    InboundEmails emails,
    TimeProvider time,
    IOptions<EmailIntakeOptions> options,
    ILogger<InboundEmailReceiver> logger
)
{
    // Bytes of each field kept to read; the whole field is archived whatever its size.
    private static readonly Dictionary<string, int> Captured = new(StringComparer.Ordinal)
    {
        [InboundParse.Text] = Limits.TextChars * 4,
        [InboundParse.Headers] = Limits.HeadersChars,
        [InboundParse.Html] = 0,
        [InboundParse.SpamReport] = 0,
    };

    private const int SmallField = 16 * 1024;

    // A plain field up to this size is archived in the email's one fields blob, with the other small fields: an email
    // has about fifteen fields, and one storage call for all of them instead of one each is what lets the webhook keep
    // up with 5 emails a second beside the reviewers. A larger field, or one past the blob's cap, gets a blob of its
    // own.
    private const int SharedFieldBytes = 64 * 1024;
    private const int SharedBlobBytes = 256 * 1024;

    /// <summary>The email as recorded, or the problem that kept it from being accepted (nothing is kept
    /// then).</summary>
    public async Task<Step<InboundEmailRecord, ProblemHttpResult>> ReceiveAsync(
        HttpRequest request,
        CancellationToken ct
    )
    {
        var limit = options.Value.MaxEmailBytes;
        if (
            !MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
            || !type.MediaType.Equals("multipart/form-data", StringComparison.OrdinalIgnoreCase)
            || HeaderUtilities.RemoveQuotes(type.Boundary).Length == 0
        )
        {
            LogRefused(logger, "not a multipart form");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send SendGrid Inbound Parse's multipart form",
                detail: "The webhook reads multipart/form-data with a boundary, as SendGrid Inbound Parse posts it "
                    + "(the default parsed format, not the raw MIME option)."
            );
        }
        if (request.ContentLength > limit)
        {
            LogRefused(logger, "too large");
            return TooLarge(limit);
        }
        // Kestrel's own limit (about 28.6 MB) is below ours: this endpoint counts bytes itself.
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } sizeFeature)
        {
            sizeFeature.MaxRequestBodySize = limit + 1;
        }

        var receivedAt = time.GetUtcNow();
        var id =
            $"{receivedAt.UtcDateTime:yyyyMMddHHmmssfff}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(5))}";
        var prefix = InboundArchive.PrefixFor(id, receivedAt);
        var body = new LimitedStream(request.Body, limit);
        var parts = new List<ArchivedPart>();
        var fields = new Dictionary<string, (byte[] Bytes, bool Whole)>(StringComparer.Ordinal);
        var boundary = HeaderUtilities.RemoveQuotes(type.Boundary).ToString();
        using var shared = new SharedFields(boundary, $"{prefix}00-fields");
        try
        {
            var reader = new MultipartReader(boundary, body) { BodyLengthLimit = limit };
            while (await reader.ReadNextSectionAsync(ct) is { } section)
            {
                var (field, fileName) = Disposition(section.ContentDisposition);
                var capture = fileName is not null ? 0 : Captured.GetValueOrDefault(field, SmallField);
                var source = section.Body;
                if (fileName is null && shared.Bytes < SharedBlobBytes)
                {
                    var head = await ReadUpToAsync(section.Body, SharedFieldBytes + 1, ct);
                    if (head.Length <= SharedFieldBytes)
                    {
                        shared.Add(section, head);
                        parts.Add(new ArchivedPart(field, shared.Blob, head.Length));
                        fields[field] = (head[..Math.Min(capture, head.Length)], head.Length <= capture);
                        continue;
                    }
                    source = new PrefixedStream(head, section.Body);
                }
                var blob = $"{prefix}{parts.Count + 1:D2}-{SafeName(field)}";
                var contentType = StorableContentType(section.ContentType);
                await using var content = new CountingStream(source, capture);
                await archive.StoreAsync(blob, content, contentType, fileName, ct);
                parts.Add(
                    new ArchivedPart(field, blob, content.BytesRead, fileName, fileName is null ? null : contentType)
                );
                if (fileName is null)
                {
                    fields[field] = (content.Captured, content.BytesRead <= capture);
                }
            }
            if (shared.Bytes > 0)
            {
                await archive.StoreAsync(shared.Blob, shared.Content(), shared.ContentType, null, ct);
            }
        }
        catch (IOException) when (body.Exceeded)
        {
            await archive.DeleteAsync(prefix, CancellationToken.None);
            LogRefused(logger, "too large");
            return TooLarge(limit);
        }
        catch (Exception e) when (e is IOException or InvalidDataException or BadHttpRequestException)
        {
            LogUnreadable(logger, e.Message);
            LogRefused(logger, "not readable");
            await archive.DeleteAsync(prefix, CancellationToken.None);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The email could not be read",
                detail: $"The multipart body is malformed or was cut short ({e.Message}); nothing was kept."
            );
        }
        if (parts.Count == 0)
        {
            LogRefused(logger, "no fields");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest,
                title: "The email could not be read",
                detail: "The multipart body holds no fields."
            );
        }

        var record = Record(id, receivedAt, prefix, parts, fields);
        await emails.AddAsync(record, ct);
        if (record.MessageId is { } messageId)
        {
            var holder = await emails.ClaimAsync(messageId, id, ct);
            if (holder != id)
            {
                record = record with { Status = InboundEmailStatus.Redelivered, RedeliveryOf = holder };
                await emails.UpdateAsync(id, _ => Domain.Result.Success(record), ct);
            }
        }
        LogReceived(logger, id, parts.Count, body.BytesRead, record.Status);
        return record;
    }

    private InboundEmailRecord Record(
        string id,
        DateTimeOffset receivedAt,
        string prefix,
        List<ArchivedPart> parts,
        Dictionary<string, (byte[] Bytes, bool Whole)> fields
    )
    {
        var charsets = InboundParse.ReadCharsets(fields.GetValueOrDefault(InboundParse.Charsets).Bytes);
        var notes = new List<string>();
        string? Field(string name, int maxChars, string label)
        {
            if (!fields.TryGetValue(name, out var value))
            {
                return null;
            }
            var text = InboundParse.Decode(name, value.Bytes, charsets);
            if (text.Length > maxChars || !value.Whole)
            {
                notes.Add(
                    $"The {label} was longer than {maxChars:N0} characters; only the first {maxChars:N0} were read."
                );
                return text[..Math.Min(maxChars, text.Length)];
            }
            return text;
        }

        var from = Field(InboundParse.From, Limits.AddressChars, "sender") ?? "";
        var envelope = InboundParse.ReadEnvelope(Field(InboundParse.Envelope, Limits.AddressChars, "envelope"));
        var sender =
            MailboxAddress.TryParse(from, out var mailbox) && IsMailbox(mailbox.Address) ? mailbox.Address
            : envelope.From is { } returnPath && IsMailbox(returnPath) ? returnPath
            : null;
        var info = InboundParse.ReadAttachmentInfo(Field(InboundParse.AttachmentInfo, SmallField, "attachment list"));
        parts =
        [
            .. parts.Select(p =>
                p.IsAttachment && info.TryGetValue(p.Field, out var i)
                    ? p with
                    {
                        ContentType = p.ContentType ?? i.Type,
                        FileName = string.IsNullOrEmpty(p.FileName) ? i.FileName ?? p.Field : p.FileName,
                    }
                    : p
            ),
        ];
        var checks = new SenderChecks(
            Field(InboundParse.Spf, 100, "SPF result")?.Trim().ToLowerInvariant(),
            [
                .. InboundParse
                    .ReadDkim(Field(InboundParse.Dkim, SmallField, "DKIM result"))
                    .Select(d => $"{d.Domain}: {d.Result}"),
            ],
            InboundParse.ReadSpamScore(Field(InboundParse.SpamScore, 100, "spam score"))
        );
        return new InboundEmailRecord(
            id,
            receivedAt,
            archive.ContainerName,
            prefix,
            parts,
            InboundParse.ReadMessageId(Field(InboundParse.Headers, Limits.HeadersChars, "header block")),
            from,
            sender,
            Field(InboundParse.To, Limits.AddressChars, "recipient list") ?? "",
            envelope.To,
            Field(InboundParse.Subject, Limits.SubjectChars, "subject") ?? "",
            Field(InboundParse.Text, Limits.TextChars, "email's text"),
            fields.ContainsKey(InboundParse.Html),
            checks,
            notes
        );
    }

    /// <summary>Up to <paramref name="count"/> bytes of <paramref name="source"/>, as many as it has.</summary>
    private static async Task<byte[]> ReadUpToAsync(Stream source, int count, CancellationToken ct)
    {
        // Most fields are a few bytes: read into a pooled buffer and keep only what came.
        var buffer = ArrayPool<byte>.Shared.Rent(count);
        try
        {
            var read = await source.ReadAtLeastAsync(buffer.AsMemory(0, count), count, throwOnEndOfStream: false, ct);
            return buffer[..read];
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    /// <summary>The part's field name, and its file name when it is a file (null for a plain field).</summary>
    private static (string Field, string? FileName) Disposition(string? header)
    {
        if (!ContentDispositionHeaderValue.TryParse(header, out var disposition))
        {
            return ("", null);
        }
        var field = HeaderUtilities.RemoveQuotes(disposition.Name).ToString();
        try
        {
            return (
                field,
                disposition.IsFileDisposition()
                    ? HeaderUtilities
                        .RemoveQuotes(
                            disposition.FileNameStar.HasValue ? disposition.FileNameStar : disposition.FileName
                        )
                        .ToString()
                    : null
            );
        }
        catch (Exception e) when (e is ArgumentException or NotSupportedException)
        {
            // ASP.NET's RFC 5987 decoding of "filename*" throws on a bare one with no value (ArgumentNullException)
            // and on a charset .NET refuses, such as UTF-7 (NotSupportedException). It still marks a file: the plain
            // filename names it, or the attachment list does.
            return (field, HeaderUtilities.RemoveQuotes(disposition.FileName).ToString());
        }
    }

    /// <summary>
    /// A part's Content-Type goes to Blob Storage as an HTTP header, which HttpClient sends only as ASCII without
    /// control
    /// characters: anything else would throw mid-email. Such a value is no media type, so it is dropped (the attachment
    /// list's type, or the archive's text/plain, stands in).
    /// </summary>
    private static string? StorableContentType(string? contentType) =>
        contentType is not null && contentType.All(c => c is >= ' ' and <= '~' or '\t') ? contentType : null;

    private static bool IsMailbox(string address) =>
        System.Net.Mail.MailAddress.TryCreate(address, out var parsed) && parsed.Address == address;

    private static string SafeName(string field)
    {
        var safe = new string([.. field.Where(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_').Take(40)]);
        return safe.Length == 0 ? "part" : safe;
    }

    private static ProblemHttpResult TooLarge(long limit) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status413PayloadTooLarge,
            title: "The email is too large",
            detail: $"An email may be at most {limit / (1024.0 * 1024):0.#} MB with its attachments; nothing was kept."
        );

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Archived inbound email {EmailId}: {Parts} parts, {Bytes} bytes, {Status}"
    )]
    private static partial void LogReceived(
        ILogger logger,
        string emailId,
        int parts,
        long bytes,
        InboundEmailStatus status
    );

    [LoggerMessage(Level = LogLevel.Warning, Message = "An inbound email POST could not be read: {Reason}")]
    private static partial void LogUnreadable(ILogger logger, string reason);

    // The "refused webhook posts" alert in infra/modules/alerts.bicep counts this message: keep its wording.
    [LoggerMessage(
        EventId = 4100,
        EventName = "InboundPostRefused",
        Level = LogLevel.Warning,
        Message = "Refused a post to Inbound Parse: {Why}"
    )]
    private static partial void LogRefused(ILogger logger, string why);
}
