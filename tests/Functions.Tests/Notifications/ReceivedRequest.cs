using System.Text.Json.Nodes;

namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>What the fake SendGrid saw, and what it answered.</summary>
public sealed record ReceivedRequest(
    DateTimeOffset ReceivedAt,
    string Method,
    string Path,
    string? Authorization,
    string? ContentType,
    string? UserAgent,
    string Body,
    int AnsweredStatus,
    string? AnsweredMessageId
)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("The body was JSON null.");
}
