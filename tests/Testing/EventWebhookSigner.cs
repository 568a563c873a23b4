using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;

namespace Pathfinder.Testing;

/// <summary>
/// Signs Event Webhook posts as SendGrid does: ECDSA P-256 with SHA-256 over the timestamp followed by the body, the
/// signature DER-encoded in base64, the public key given to the app as base64 SubjectPublicKeyInfo.
/// </summary>
public sealed class EventWebhookSigner : IDisposable
{
    public const string SignatureHeader = "X-Twilio-Email-Event-Webhook-Signature";
    public const string TimestampHeader = "X-Twilio-Email-Event-Webhook-Timestamp";

    private readonly ECDsa _key = ECDsa.Create(ECCurve.NamedCurves.nistP256);

    /// <summary>What SendGrid shows as the verification key, and the app reads from
    /// SendGrid:EventWebhook:VerificationKey.</summary>
    public string VerificationKey => Convert.ToBase64String(_key.ExportSubjectPublicKeyInfo());

    /// <summary>A post of <paramref name="json"/> signed now (or as told), ready to send.</summary>
    public HttpRequestMessage Post(Uri webhook, string json, string? timestamp = null, bool sign = true)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, webhook)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        if (sign)
        {
            timestamp ??= DateTimeOffset.UtcNow.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
            request.Headers.Add(SignatureHeader, Sign(timestamp, json));
            request.Headers.Add(TimestampHeader, timestamp);
        }
        return request;
    }

    /// <summary>
    /// A batch of one event about one outbox row, as SendGrid posts it (its <c>custom_args</c> name the row), signed
    /// now and ready to send to <paramref name="webhook"/>.
    /// </summary>
    public HttpRequestMessage PostEvent(
        Uri webhook,
        string email,
        string type,
        string? reason,
        string instanceId,
        string step
    ) =>
        Post(
            webhook,
            System.Text.Json.JsonSerializer.Serialize(
                new[]
                {
                    new Dictionary<string, object?>
                    {
                        ["email"] = email,
                        ["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeSeconds(),
                        ["event"] = type,
                        ["reason"] = reason,
                        ["sg_event_id"] = Guid.NewGuid().ToString("N"),
                        ["outbox_instance"] = instanceId,
                        ["outbox_step"] = step,
                    },
                }
            )
        );

    public string Sign(string timestamp, string json) =>
        Convert.ToBase64String(
            _key.SignData(
                Encoding.UTF8.GetBytes(timestamp + json),
                HashAlgorithmName.SHA256,
                DSASignatureFormat.Rfc3279DerSequence
            )
        );

    public void Dispose() => _key.Dispose();
}
