using System.Net;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;
using SendGrid;
using SendGrid.Helpers.Mail;
using SendGridAddress = SendGrid.Helpers.Mail.EmailAddress;

namespace Pathfinder.Functions.Notifications;

/// <summary>Sends email through SendGrid's v3 Mail Send API with the official SDK.</summary>
public sealed partial class SendGridEmailSender : IEmailSender
{
    public const string MessageIdHeader = "X-Message-Id";

    /// <summary>The custom_args key that carries <see cref="EmailMessage.IdempotencyKey"/>.</summary>
    private const string IdempotencyKeyArg = "idempotency_key";

    private const string MailSendPath = "mail/send";

    // SendGrid's documented ceiling for to + cc + bcc in one request.
    private const int MaxRecipients = 1000;

    private readonly SendGridClient _client;
    private readonly SendGridOptions _options;
    private readonly ResiliencePipeline<Response> _retry;
    private readonly ILogger<SendGridEmailSender> _logger;

    /// <param name="http">
    /// From IHttpClientFactory, so the factory's handlers apply, among them the one that keeps header values (the
    /// API key) out of the logs. The SDK adds its own retry handler only to clients it creates, so none runs here.
    /// </param>
    public SendGridEmailSender(
        HttpClient http,
        IOptions<SendGridOptions> options,
        TimeProvider time,
        ILogger<SendGridEmailSender> logger
    )
    {
        ArgumentNullException.ThrowIfNull(options);
        _options = options.Value;
        _logger = logger;
        // The SDK appends "v3/mail/send" to the host, so a base URL with a path (a proxy) keeps that path.
        _client = new SendGridClient(
            http,
            new SendGridClientOptions { ApiKey = _options.ApiKey, Host = _options.BaseUrl.AbsoluteUri }
        );
        _retry = SendGridRetry.Create(_options.MaxAttempts, time, logger);
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var mail = ToSendGridMessage(message, _options);
        var recipients = mail.Personalizations.Sum(p => p.Tos.Count);
        if (recipients > MaxRecipients)
        {
            return Failed(
                $"SendGrid accepts at most {MaxRecipients} recipients in one message; this one has {recipients}."
            );
        }

        // Serialized once, so every attempt posts the same bytes and a retry cannot change what is received.
        var body = mail.Serialize();
        var attempts = 0;
        try
        {
            var response = await _retry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await _client.RequestAsync(
                        BaseClient.Method.POST,
                        body,
                        urlPath: MailSendPath,
                        cancellationToken: token
                    );
                },
                ct
            );
            return await ToResultAsync(response, recipients, attempts, ct);
        }
        catch (HttpRequestException ex)
        {
            return Failed($"SendGrid could not be reached after {attempts} attempts: {ex.Message}");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            return Failed($"SendGrid did not answer in time after {attempts} attempts.");
        }
    }

    private static SendGridMessage ToSendGridMessage(EmailMessage message, SendGridOptions options)
    {
        var mail = new SendGridMessage
        {
            From = new SendGridAddress(options.FromEmail, MailHeaderText.DisplayName(options.FromName)),
            Subject = MailHeaderText.SingleLine(message.Subject),
            // The SDK puts text/plain before text/html, the order SendGrid requires.
            PlainTextContent = message.TextBody,
            HtmlContent = message.HtmlBody,
        };

        // SendGrid rejects a personalization that names an address twice, so a repeated recipient gets one copy.
        mail.AddTos(
            message
                .To.DistinctBy(a => a.Email, StringComparer.OrdinalIgnoreCase)
                .Select(a => new SendGridAddress(a.Email, MailHeaderText.DisplayName(a.Name)))
                .ToList()
        );

        // On the personalization (the SDK's default): the published schema types the top-level field as a string.
        if (message.IdempotencyKey is { } key)
        {
            mail.AddCustomArg(IdempotencyKeyArg, key);
        }

        // SendGrid copies custom_args onto every event of the message: how the Event Webhook finds the outbox row.
        if (message.Outbox is { } outbox)
        {
            mail.AddCustomArg(Delivery.OutboxKey.InstanceArg, outbox.InstanceId);
            mail.AddCustomArg(Delivery.OutboxKey.StepArg, outbox.Step);
        }

        // SendGrid wants categories unique.
        if (message.Categories.Count > 0)
        {
            mail.AddCategories(message.Categories.Distinct(StringComparer.Ordinal).ToList());
        }

        return mail;
    }

    private async Task<EmailSendResult> ToResultAsync(
        Response response,
        int recipients,
        int attempts,
        CancellationToken ct
    )
    {
        if (response.StatusCode == HttpStatusCode.Accepted)
        {
            var id = response.Headers.TryGetValues(MessageIdHeader, out var values) ? values.FirstOrDefault() : null;
            LogAccepted(_logger, id, recipients, attempts);
            return EmailSendResult.Accepted(id);
        }

        return Failed(await SendGridErrorBody.DescribeAsync(response, attempts, ct));
    }

    private EmailSendResult Failed(string reason)
    {
        LogFailed(_logger, reason);
        return EmailSendResult.Failed(reason);
    }

    // Recipients are counted, not listed: addresses are personal data and do not belong in logs.
    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "SendGrid accepted message {MessageId} for {Recipients} recipient(s) on attempt {Attempt}"
    )]
    private static partial void LogAccepted(ILogger logger, string? messageId, int recipients, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email not sent: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
