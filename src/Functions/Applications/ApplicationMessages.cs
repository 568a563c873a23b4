using Pathfinder.Domain;

namespace Pathfinder.Functions.Applications;

/// <summary>The orchestration's input: one expression of interest as received.</summary>
/// <param name="Reference">The application's reference, also its orchestration instance id.</param>
/// <param name="ReceivedAt">When it arrived: the review window counts from here.</param>
/// <param name="Form">The form as submitted (already valid).</param>
/// <param name="Source">"api" or "email".</param>
/// <param name="ReviewPeriod">The review period in force at submission, kept for the application's whole life.</param>
/// <param name="ReminderOffsets">The reminder times in force at submission.</param>
/// <param name="AcknowledgeTo">Who gets the acknowledgement when not the lead GP: the sender of an emailed form.</param>
public sealed record ApplicationSubmission(
    string Reference,
    DateTimeOffset ReceivedAt,
    ExpressionOfInterestForm Form,
    string Source,
    TimeSpan ReviewPeriod,
    IReadOnlyList<TimeSpan> ReminderOffsets,
    string? AcknowledgeTo = null)
{
    public ReviewWindow Window => ReviewWindow.For(ReceivedAt, new ReviewPeriods(ReviewPeriod, ReminderOffsets));
}

/// <summary>What can happen to an application from outside its orchestration.</summary>
public enum ApplicationCommandKind
{
    Decision,
    Withdrawal,
    Announcement,
    GoLiveAgreed,
}

/// <summary>The one event an application orchestration waits for; its kind says which it is.</summary>
public sealed record ApplicationCommand(ApplicationCommandKind Kind, string By, DateTimeOffset At)
{
    public const string EventName = "ApplicationCommand";

    public DecisionRecord? Decision { get; init; }
    public string? Reason { get; init; }
    public int? Wave { get; init; }
    public DateOnly? GoLive { get; init; }
}

/// <summary>The custom status: the stage and the next deadline, for anyone reading the instance.</summary>
public sealed record ApplicationProgress(string Stage, DateTimeOffset? NextDeadline, string NextStep);

/// <summary>A change the orchestration asks an activity to record in the read model.</summary>
public sealed record ApplicationChange(string Reference, ApplicationCommand Command);

/// <summary>What recording an announcement decided: whether it applied, and the go-live date.</summary>
public sealed record AnnouncementRecorded(bool Applied, DateOnly GoLive);

/// <summary>A point in the review window that came without a decision.</summary>
public sealed record ReviewCheckpoint(string Reference, DateTimeOffset At, bool IsDeadline);
