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
