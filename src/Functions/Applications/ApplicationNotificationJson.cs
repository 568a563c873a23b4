using System.Text.Json;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Templates;
using N = Pathfinder.Functions.Applications.ApplicationNotification;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// An <see cref="ApplicationNotification"/> in the flat shape the activity's input always had: <c>Kind</c>,
/// <c>Facts</c>, <c>Step</c>, then <c>NotMet</c>, <c>Comments</c>, <c>Reason</c>, <c>Wave</c>, <c>GoLive</c>,
/// <c>Now</c> and <c>To</c>, null where the kind has none. A field absent from an older message reads as the
/// activity read it then (no criteria, wave 0, the time of receipt).
/// </summary>
public sealed class ApplicationNotificationJson : FlatJsonConverter<N>
{
    protected override N Read(JsonElement json, JsonSerializerOptions options)
    {
        var facts = Required<ApplicationFacts>(json, "Facts", options);
        var step = Required<int>(json, "Step", options);
        DateTimeOffset Now() => Optional<DateTimeOffset?>(json, "Now", options) ?? facts.ReceivedAt;
        DateOnly GoLive() => Required<DateOnly>(json, "GoLive", options);
        return Kind<NotificationKind>(json) switch
        {
            NotificationKind.Acknowledgement => new N.Acknowledgement(
                facts,
                step,
                Optional<string>(json, "To", options)
            ),
            NotificationKind.NewApplication => new N.NewApplication(facts, step),
            NotificationKind.ReviewReminder => new N.ReviewReminder(facts, step, Now()),
            NotificationKind.Escalation => new N.Escalation(facts, step),
            NotificationKind.Approved => new N.Approved(facts, step),
            NotificationKind.Rejected => new N.Rejected(
                facts,
                step,
                Optional<List<CriterionNotMet>>(json, "NotMet", options) ?? [],
                Optional<string>(json, "Comments", options)
            ),
            NotificationKind.Withdrawn => new N.Withdrawn(facts, step, Optional<string>(json, "Reason", options)),
            NotificationKind.Announced => new N.Announced(
                facts,
                step,
                Optional<int?>(json, "Wave", options) ?? 0,
                GoLive()
            ),
            NotificationKind.Live => new N.Live(facts, step, GoLive()),
            NotificationKind.GoLiveNotice => new N.GoLiveNotice(facts, step, GoLive(), Now()),
            var kind => throw new JsonException($"{kind} is not a notification about one application."),
        };
    }

    protected override IEnumerable<(string Name, object? Value)> Properties(N value) =>
        [
            ("Kind", value.Kind),
            ("Facts", value.Facts),
            ("Step", value.Step),
            ("NotMet", (value as N.Rejected)?.NotMet),
            ("Comments", (value as N.Rejected)?.Comments),
            ("Reason", (value as N.Withdrawn)?.Reason),
            ("Wave", (value as N.Announced)?.Wave),
            (
                "GoLive",
                value switch
                {
                    N.Announced a => a.GoLive,
                    N.Live l => l.GoLive,
                    N.GoLiveNotice g => g.GoLive,
                    _ => (DateOnly?)null,
                }
            ),
            (
                "Now",
                value switch
                {
                    N.ReviewReminder r => r.Now,
                    N.GoLiveNotice g => g.Now,
                    _ => (DateTimeOffset?)null,
                }
            ),
            ("To", (value as N.Acknowledgement)?.To),
        ];
}
