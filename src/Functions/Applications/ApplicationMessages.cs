using Pathfinder.Domain;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Applications;

/// <summary>The orchestration's input: one expression of interest as received.</summary>
/// <param name="Reference">The application's reference, also its orchestration instance id.</param>
/// <param name="ReceivedAt">When it arrived: the review window counts from here.</param>
/// <param name="Form">The form as submitted (already valid).</param>
/// <param name="Source">"api" or "email".</param>
/// <param name="ReviewPeriod">The review period in force at submission, kept for the application's whole life.</param>
/// <param name="ReminderOffsets">The reminder times in force at submission.</param>
/// <param name="AcknowledgeTo">Who gets the acknowledgement when not the lead GP: the sender of an emailed
/// form.</param>
public sealed record ApplicationSubmission(
    string Reference,
    DateTimeOffset ReceivedAt,
    ExpressionOfInterestForm Form,
    string Source,
    TimeSpan ReviewPeriod,
    IReadOnlyList<TimeSpan> ReminderOffsets,
    string? AcknowledgeTo = null
)
{
    public ReviewWindow Window => ReviewWindow.For(ReceivedAt, new ReviewPeriods(ReviewPeriod, ReminderOffsets));

    /// <summary>
    /// How long before go-live the go-live notice is due (version 2 on), as configured at submission. Absent from
    /// submissions made before it existed, which then use the default.
    /// </summary>
    public TimeSpan? GoLiveNoticeLeadTime { get; init; }

    public TimeSpan NoticeLeadTime => GoLiveNoticeLeadTime ?? GoLiveNotice.DefaultLeadTime;

    /// <summary>
    /// Set only when the national team restarts a workflow from the record (<see cref="WorkflowResume"/>); absent from
    /// every instance started at submission, whose recorded histories therefore replay exactly as before.
    /// </summary>
    public WorkflowResume? Resume { get; init; }
}

/// <summary>
/// Where a restarted workflow picks up, worked out from the record and the outbox by the restart: the review's
/// checkpoints not yet recorded (so the original deadline and the reminders not yet sent stand), which notifications
/// were already queued (not sent twice), and the numbers the first instance used, which the new one must not reuse.
/// </summary>
/// <param name="Restart">1 for the first restart: the new instance's notification steps start at 1000 times it.</param>
/// <param name="BatchesApplied">The record's last applied batch: the new instance numbers its batches after it.</param>
/// <param name="Checkpoints">The reminders and the deadline still to come (or come but not recorded), earliest
/// first.</param>
/// <param name="Queued">The kinds of notification the first instance queued once each (acknowledgement, new
/// application, go-live notice).</param>
public sealed record WorkflowResume(
    int Restart,
    int BatchesApplied,
    IReadOnlyList<ReviewCheckpoint> Checkpoints,
    IReadOnlyList<NotificationKind> Queued,
    DateTimeOffset? AnnouncedAt
)
{
    /// <summary>Notification steps of restart n start above n × this, clear of every earlier instance's.</summary>
    public const int StepsPerRestart = 1000;
}

/// <summary>The events an application orchestration waits for.</summary>
public static class ApplicationEvents
{
    /// <summary>A command was queued on the read model: apply what is pending. Its payload is the command id.</summary>
    public const string CommandAccepted = nameof(CommandAccepted);

    /// <summary>The application's wave was announced (sent by the wave orchestration).</summary>
    public const string WaveAnnounced = nameof(WaveAnnounced);
}

/// <summary>The payload of <see cref="ApplicationEvents.WaveAnnounced"/>.</summary>
public sealed record WaveAnnouncement(int Wave, DateTimeOffset At);

/// <summary>The custom status: the stage and the next deadline, for anyone reading the instance.</summary>
public sealed record ApplicationProgress(string Stage, DateTimeOffset? NextDeadline, string NextStep);

/// <summary>What applying the pending commands did, and where the application now stands.</summary>
public sealed record CommandsApplied(
    ApplicationStatus Status,
    DateOnly? GoLive,
    IReadOnlyList<ApplicationCommand> Applied
);

/// <summary>An announcement for the application to record.</summary>
public sealed record AnnouncementChange(string Reference, WaveAnnouncement Announcement);

/// <summary>What recording an announcement decided: whether it applied, and the go-live date.</summary>
public sealed record AnnouncementRecorded(bool Applied, DateOnly GoLive);

/// <summary>A point in the review window that came without a decision.</summary>
public sealed record ReviewCheckpoint(string Reference, DateTimeOffset At, bool IsDeadline);

/// <summary>The go-live moment, for the activity that records it.</summary>
public sealed record GoingLive(string Reference, DateOnly GoLive, DateTimeOffset At);
