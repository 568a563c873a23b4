using System.Globalization;
using System.Text.Json;
using Pathfinder.Domain.Notifications;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Notifications.Delivery;

/// <summary>
/// One event of a SendGrid Event Webhook post that says where a copy of a message is: whose copy, which outbox row
/// (from the custom_args every Mail Send carries), what happened and why. Engagement events (open, click) are not
/// delivery and are not kept.
/// </summary>
public sealed record SendGridEvent(string EventId, OutboxKey? Outbox, string Email, DeliveryReport Report, string Json)
{
    /// <summary>
    /// The events of a post's body, or the problem that makes it unreadable. Any JSON array of objects is readable;
    /// an event without the fields SendGrid always sends is kept as unmatched rather than refused, so nothing is
    /// lost over one odd event.
    /// </summary>
    public static Step<IReadOnlyList<SendGridEvent>, ProblemHttpResult> ParseAll(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body.ToArray(), new JsonDocumentOptions { MaxDepth = 16 });
        }
        catch (JsonException e)
        {
            return Unreadable($"The body is not well-formed JSON (line {e.LineNumber + 1}): {e.Message}");
        }
        using (document)
        {
            if (document.RootElement.ValueKind != JsonValueKind.Array)
            {
                return Unreadable("The body must be a JSON array of events, as SendGrid posts them.");
            }
            var events = new List<SendGridEvent>();
            foreach (var element in document.RootElement.EnumerateArray())
            {
                if (element.ValueKind != JsonValueKind.Object)
                {
                    return Unreadable("Every item of the array must be an event object.");
                }
                if (Parse(element) is { } parsed)
                {
                    events.Add(parsed);
                }
            }
            return new Step<IReadOnlyList<SendGridEvent>, ProblemHttpResult>.Passed(events);
        }
    }

    private static ProblemHttpResult Unreadable(string message) =>
        Problems.Unreadable("body", message, "The events could not be read");

    private static SendGridEvent? Parse(JsonElement e)
    {
        var type = Text(e, "event");
        if (type is null || DeliveryRules.FromSendGrid(type, Text(e, "type")) is not { } state)
        {
            return null;
        }
        var at =
            e.TryGetProperty("timestamp", out var t)
            && t.ValueKind == JsonValueKind.Number
            && t.TryGetInt64(out var seconds)
            && seconds is > 0 and < 253402300799
                ? DateTimeOffset.FromUnixTimeSeconds(seconds)
                : DateTimeOffset.UnixEpoch;
        var json = e.GetRawText();
        // sg_event_id is unique per event; an event without one is named by its content, so a resent batch still
        // finds it already kept.
        var id = Text(e, "sg_event_id")
            ?? Convert.ToHexString(
                System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(json))
            )[..32];
        var reason = Text(e, "reason") ?? Text(e, "response");
        return new SendGridEvent(
            id,
            OutboxKey.From(Text(e, OutboxKey.InstanceArg), Text(e, OutboxKey.StepArg)),
            Text(e, "email") ?? "",
            new DeliveryReport(state, at, reason),
            json
        );
    }

    private static string? Text(JsonElement e, string name) =>
        e.TryGetProperty(name, out var value)
            ? value.ValueKind switch
            {
                JsonValueKind.String => value.GetString(),
                JsonValueKind.Number => value.GetRawText(),
                _ => null,
            }
            : null;
}

/// <summary>
/// The outbox row a message was sent from: its instance id and step. Every Mail Send carries both as custom_args, and
/// SendGrid puts them on every event of that message.
/// </summary>
public sealed record OutboxKey(string InstanceId, string Step)
{
    public const string InstanceArg = "outbox_instance";
    public const string StepArg = "outbox_step";

    public static OutboxKey? From(string? instanceId, string? step) =>
        string.IsNullOrWhiteSpace(instanceId) || string.IsNullOrWhiteSpace(step) || !IsKey(instanceId) || !IsKey(step)
            ? null
            : new OutboxKey(instanceId, step);

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"{InstanceId}/{Step}");

    // Table Storage's key rules: what it forbids cannot name a row of ours.
    private static bool IsKey(string value) =>
        value.Length <= 256 && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}
