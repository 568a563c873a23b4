using System.Buffers;
using EllipticCurve;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Hosting;
using SendGrid.Helpers.EventWebhook;

namespace Pathfinder.Functions.Notifications.Delivery;

/// <summary>
/// SendGrid's Event Webhook: what became of each message after SendGrid accepted it (delivered, deferred, bounced,
/// dropped, blocked, reported as spam). Believed only when SendGrid's signature over the timestamp and body verifies.
/// </summary>
public sealed partial class DeliveryEventFunctions(
    DeliveryTracking tracking,
    IOptions<EventWebhookOptions> options,
    ILogger<DeliveryEventFunctions> logger
)
{
    private readonly PublicKey? _key = VerificationKey(options.Value.VerificationKey);

    /// <summary>
    /// 200 with what was applied, for every signed post we could read; 401 unsigned, 403 wrongly signed, 400 not a
    /// JSON array, 413 too large: then nothing is kept. 500 only when storage failed, so that SendGrid posts it again.
    /// </summary>
    [Function(nameof(ReceiveDeliveryEvents))]
    public async Task<Results<Ok<DeliveryReceipt>, ProblemHttpResult>> ReceiveDeliveryEvents(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/notifications/events")] HttpRequest request
    )
    {
        var signature = request.Headers[RequestValidator.SIGNATURE_HEADER].FirstOrDefault();
        var timestamp = request.Headers[RequestValidator.TIMESTAMP_HEADER].FirstOrDefault();
        if (string.IsNullOrEmpty(signature) || string.IsNullOrEmpty(timestamp))
        {
            LogRefused(logger, "unsigned");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unsigned",
                detail: $"Sign the post: {RequestValidator.SIGNATURE_HEADER} and {RequestValidator.TIMESTAMP_HEADER}."
            );
        }
        var body = await ReadBodyAsync(request, options.Value.MaxBodyBytes);
        if (body is null)
        {
            LogRefused(logger, "too large");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status413PayloadTooLarge,
                title: "Too large",
                detail: $"A post of events may hold at most {options.Value.MaxBodyBytes:N0} bytes."
            );
        }
        if (!Verifies(body, signature, timestamp))
        {
            LogRefused(logger, "wrongly signed");
            return TypedResults.Problem(
                statusCode: StatusCodes.Status403Forbidden,
                title: "Signature does not verify",
                detail: "The signature does not verify with the configured SendGrid:EventWebhook:VerificationKey."
            );
        }
        if (SendGridEvent.ParseAll(body).Refuses(out var problem, out var events))
        {
            LogRefused(logger, "not readable");
            return problem;
        }
        return TypedResults.Ok(await tracking.ApplyAsync(events, request.HttpContext.RequestAborted));
    }

    private bool Verifies(byte[] body, string signature, string timestamp)
    {
        if (_key is null)
        {
            return false;
        }
        try
        {
            // The SDK verifies over the body as text: SendGrid signs the UTF-8 bytes it posts.
            return new RequestValidator().VerifySignature(
                _key,
                System.Text.Encoding.UTF8.GetString(body),
                signature,
                timestamp
            );
        }
        catch (Exception e) when (e is FormatException or ArgumentException or IndexOutOfRangeException)
        {
            // A signature that is not base64 DER at all.
            return false;
        }
    }

    /// <summary>The whole body, or null when it is longer than <paramref name="max"/>.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int max)
    {
        if (request.ContentLength > max)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        var chunk = ArrayPool<byte>.Shared.Rent(81920);
        try
        {
            int read;
            while ((read = await request.Body.ReadAsync(chunk, request.HttpContext.RequestAborted)) > 0)
            {
                if (buffer.Length + read > max)
                {
                    return null;
                }
                buffer.Write(chunk, 0, read);
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(chunk);
        }
        return buffer.ToArray();
    }

    private static PublicKey? VerificationKey(string? configured) =>
        string.IsNullOrWhiteSpace(configured)
            ? null
            : new RequestValidator().ConvertPublicKeyToECDSA(configured.Trim());

    // The "refused webhook posts" alert in infra/modules/alerts.bicep counts this message: keep its wording.
    [LoggerMessage(
        EventId = 4101,
        EventName = "EventWebhookPostRefused",
        Level = LogLevel.Warning,
        Message = "Refused a post to the Event Webhook: {Why}"
    )]
    private static partial void LogRefused(ILogger logger, string why);
}
