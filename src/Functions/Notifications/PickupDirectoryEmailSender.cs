using System.Text;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using MimeKit;
using MimeKit.Text;
using MimeKit.Utils;

namespace Pathfinder.Functions.Notifications;

/// <summary>
/// The local stand-in for SendGrid: writes each message as an RFC 5322 .eml file that any mail client opens,
/// so a developer sees exactly what an applicant would receive without an account or a network.
/// </summary>
public sealed partial class PickupDirectoryEmailSender(
    IOptions<NotificationsOptions> notifications,
    IOptions<SendGridOptions> sendGrid,
    TimeProvider time,
    ILogger<PickupDirectoryEmailSender> logger
) : IEmailSender
{
    public const string IdempotencyKeyHeader = "X-Idempotency-Key";
    public const string CategoriesHeader = "X-Categories";

    // RFC 5322 lines end in CRLF whatever the host's convention.
    private static readonly FormatOptions Rfc5322 = new() { NewLineFormat = NewLineFormat.Dos };

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var directory = notifications.Value.PickupDirectory;
        Directory.CreateDirectory(directory);

        var now = time.GetUtcNow();
        using var mime = ToMime(message, now);
        var fileName = $"{now:yyyyMMdd'T'HHmmssfff'Z'}-{Guid.NewGuid():N}.eml";
        var path = Path.Combine(directory, fileName);
        var partial = path + ".partial";

        // Written aside then moved, so a mail viewer watching the folder never opens half a message.
        await mime.WriteToAsync(Rfc5322, partial, ct);
        File.Move(partial, path);

        LogWritten(logger, path);
        return EmailSendResult.Accepted(fileName);
    }

    private MimeMessage ToMime(EmailMessage message, DateTimeOffset now)
    {
        var options = sendGrid.Value;
        var mime = new MimeMessage
        {
            Subject = message.Subject,
            Date = now,
            MessageId = MimeUtils.GenerateMessageId(options.FromEmail[(options.FromEmail.IndexOf('@') + 1)..]),
            // Text first, HTML last: clients show the last alternative they can render.
            Body = new MultipartAlternative
            {
                Utf8Part(TextFormat.Plain, message.TextBody),
                Utf8Part(TextFormat.Html, message.HtmlBody),
            },
        };
        mime.From.Add(new MailboxAddress(options.FromName, options.FromEmail));
        mime.To.AddRange(
            message
                .To.DistinctBy(a => a.Email, StringComparer.OrdinalIgnoreCase)
                .Select(a => new MailboxAddress(a.Name, a.Email))
        );

        // The same facts SendGrid would carry as custom_args and categories, visible when reading the file.
        if (message.IdempotencyKey is { } key)
        {
            mime.Headers.Add(IdempotencyKeyHeader, key);
        }

        if (message.Categories.Count > 0)
        {
            mime.Headers.Add(CategoriesHeader, string.Join(", ", message.Categories));
        }

        return mime;
    }

    private static TextPart Utf8Part(TextFormat format, string text)
    {
        var part = new TextPart(format) { ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        part.SetText(Encoding.UTF8, text);
        return part;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Email written to {Path}")]
    private static partial void LogWritten(ILogger logger, string path);
}
