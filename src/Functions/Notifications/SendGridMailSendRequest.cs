using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pathfinder.Functions.Notifications;

/// <summary>The v3 Mail Send request body; property names become SendGrid's snake_case on the wire.</summary>
internal sealed record SendGridMailSendRequest(
    IReadOnlyList<SendGridPersonalization> Personalizations,
    SendGridAddress From,
    string Subject,
    IReadOnlyList<SendGridContent> Content,
    IReadOnlyList<string>? Categories)
{
    /// <summary>The custom_args key that carries <see cref="EmailMessage.IdempotencyKey"/>.</summary>
    public const string IdempotencyKeyArg = "idempotency_key";

    public static readonly JsonSerializerOptions JsonOptions = new()
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    [JsonIgnore]
    public int RecipientCount => Personalizations.Sum(p => p.To.Count);

    public static SendGridMailSendRequest Create(EmailMessage message, SendGridOptions options)
    {
        // SendGrid rejects a personalization that names an address twice, so a repeated recipient gets one copy.
        var to = message.To
            .DistinctBy(a => a.Email, StringComparer.OrdinalIgnoreCase)
            .Select(a => new SendGridAddress(a.Email, a.Name))
            .ToList();
        var from = new SendGridAddress(
            options.FromEmail, string.IsNullOrWhiteSpace(options.FromName) ? null : options.FromName);

        // custom_args go on the personalization: the published schema types the top-level field as a string.
        var customArgs = message.IdempotencyKey is { } key
            ? new Dictionary<string, string> { [IdempotencyKeyArg] = key }
            : null;

        return new SendGridMailSendRequest(
            [new SendGridPersonalization(to, customArgs)],
            from,
            message.Subject,
            // SendGrid requires text/plain first, then text/html.
            [new SendGridContent("text/plain", message.TextBody), new SendGridContent("text/html", message.HtmlBody)],
            // SendGrid wants categories unique.
            message.Categories.Count > 0 ? message.Categories.Distinct(StringComparer.Ordinal).ToList() : null);
    }
}

internal sealed record SendGridPersonalization(
    IReadOnlyList<SendGridAddress> To, IReadOnlyDictionary<string, string>? CustomArgs);

internal sealed record SendGridAddress(string Email, string? Name);

internal sealed record SendGridContent(string Type, string Value);
