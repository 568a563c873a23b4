using System.Net;
using System.Text.Json;

namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>An answer the fake SendGrid gives instead of 202, to play an outage, a rate limit or a rejection.</summary>
public sealed record ScriptedReply(HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body)
{
    public static ScriptedReply TooManyRequests(DateTimeOffset resetAt) =>
        new(
            HttpStatusCode.TooManyRequests,
            new Dictionary<string, string>
            {
                ["X-RateLimit-Limit"] = "600",
                ["X-RateLimit-Remaining"] = "0",
                ["X-RateLimit-Reset"] = resetAt
                    .ToUnixTimeSeconds()
                    .ToString(System.Globalization.CultureInfo.InvariantCulture),
            },
            ErrorsBody(new SendGridError("too many requests", null))
        );

    public static ScriptedReply ServerError(HttpStatusCode status) =>
        new(status, new Dictionary<string, string>(), ErrorsBody(new SendGridError("internal error", null)));

    public static ScriptedReply BadRequest(string message, string? field) =>
        new(HttpStatusCode.BadRequest, new Dictionary<string, string>(), ErrorsBody(new SendGridError(message, field)));

    public static string ErrorsBody(params IEnumerable<SendGridError> errors) =>
        JsonSerializer.Serialize(new { errors = errors.Select(e => new { message = e.Message, field = e.Field }) });
}
