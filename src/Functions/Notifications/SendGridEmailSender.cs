using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Polly;

namespace Pathfinder.Functions.Notifications;

/// <summary>Sends email through SendGrid's v3 Mail Send API (POST {BaseUrl}/v3/mail/send).</summary>
public sealed partial class SendGridEmailSender : IEmailSender
{
    public const string MessageIdHeader = "X-Message-Id";

    // SendGrid's documented ceiling for to + cc + bcc in one request.
    private const int MaxRecipients = 1000;

    private readonly HttpClient _http;
    private readonly SendGridOptions _options;
    private readonly Uri _mailSendUri;
    private readonly ResiliencePipeline<HttpResponseMessage> _retry;
    private readonly ILogger<SendGridEmailSender> _logger;

    public SendGridEmailSender(
        HttpClient http, IOptions<SendGridOptions> options, TimeProvider time, ILogger<SendGridEmailSender> logger)
    {
        ArgumentNullException.ThrowIfNull(options);
        _http = http;
        _options = options.Value;
        _logger = logger;
        // Appended rather than resolved, so a base URL with a path (a proxy) keeps that path.
        _mailSendUri = new Uri(_options.BaseUrl.AbsoluteUri.TrimEnd('/') + "/v3/mail/send");
        _retry = SendGridRetry.Create(_options.MaxAttempts, time, logger);
    }

    public async Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(message);
        var request = SendGridMailSendRequest.Create(message, _options);
        if (request.RecipientCount > MaxRecipients)
        {
            return EmailSendResult.Failed(
                $"SendGrid accepts at most {MaxRecipients} recipients in one message; this one has {request.RecipientCount}.");
        }

        var body = JsonSerializer.SerializeToUtf8Bytes(request, SendGridMailSendRequest.JsonOptions);
        var attempts = 0;
        try
        {
            using var response = await _retry.ExecuteAsync(
                async token =>
                {
                    attempts++;
                    return await PostAsync(body, token);
                },
                ct);
            return await ToResultAsync(response, request.RecipientCount, attempts, ct);
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

    private async Task<HttpResponseMessage> PostAsync(byte[] body, CancellationToken ct)
    {
        // A fresh request per attempt: HttpClient refuses to send the same request message twice.
        using var post = new HttpRequestMessage(HttpMethod.Post, _mailSendUri);
        post.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _options.ApiKey);
        post.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        post.Content = new ByteArrayContent(body);
        post.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json") { CharSet = "utf-8" };
        return await _http.SendAsync(post, ct);
    }

    private async Task<EmailSendResult> ToResultAsync(
        HttpResponseMessage response, int recipients, int attempts, CancellationToken ct)
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
    [LoggerMessage(Level = LogLevel.Information,
        Message = "SendGrid accepted message {MessageId} for {Recipients} recipient(s) on attempt {Attempt}")]
    private static partial void LogAccepted(ILogger logger, string? messageId, int recipients, int attempt);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Email not sent: {Reason}")]
    private static partial void LogFailed(ILogger logger, string reason);
}
