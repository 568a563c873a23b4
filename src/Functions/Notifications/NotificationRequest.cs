using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Notifications;

/// <summary>The messages of an application's life, each to its own audience.</summary>
public enum NotificationKind
{
    Acknowledgement,
    NewApplication,
    ReviewReminder,
    Escalation,
    Approved,
    Rejected,
    Withdrawn,
    Announced,
    Live,

    /// <summary>Orchestration version 2 on: before go-live, what it means and who to contact.</summary>
    GoLiveNotice,
}

/// <summary>What the workflow asks to be told, about whom; <paramref name="Step"/> numbers it within the
/// instance.</summary>
public sealed record NotificationRequest(NotificationKind Kind, ApplicationFacts Facts, int Step)
{
    public IReadOnlyList<CriterionNotMet>? NotMet { get; init; }
    public string? Comments { get; init; }
    public string? Reason { get; init; }
    public int? Wave { get; init; }
    public DateOnly? GoLive { get; init; }
    public DateTimeOffset? Now { get; init; }

    /// <summary>Send to this address instead of the applicant (the sender of an emailed form).</summary>
    public string? To { get; init; }
}
