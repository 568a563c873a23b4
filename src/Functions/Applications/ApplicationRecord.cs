using Pathfinder.Domain;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// The read model of one application: what reviewers and the national team see. The orchestration
/// changes it through activities; the API reads it and guards decisions with its ETag.
/// </summary>
public sealed record ApplicationRecord
{
    public required string Reference { get; init; }
    public required string ShaCode { get; init; }
    public required string ConsortiumName { get; init; }
    public required ApplicationStatus Status { get; init; }
    public bool Overdue { get; init; }
    public required DateTimeOffset ReceivedAt { get; init; }
    public required DateTimeOffset ReviewDeadline { get; init; }

    /// <summary>How it arrived: "api" or "email".</summary>
    public required string Source { get; init; }

    /// <summary>The form exactly as submitted (it validated at submission).</summary>
    public required ExpressionOfInterestForm Form { get; init; }

    public required IReadOnlyList<string> PracticeCodes { get; init; }
    public required long RegisteredPopulation { get; init; }
    public required IReadOnlyList<SupportNeed> SupportNeeds { get; init; }
    public required IReadOnlyList<string> AreasOfWork { get; init; }
    public required string LeadGpName { get; init; }
    public required string LeadGpEmail { get; init; }
    public bool ResearchEvaluationOptIn { get; init; }
    public DecisionRecord? Decision { get; init; }
    public string? WithdrawalReason { get; init; }
    public int? Wave { get; init; }
    public DateTimeOffset? AnnouncedAt { get; init; }

    /// <summary>The go-live date the SHA agreed with the PCT, if any.</summary>
    public DateOnly? AgreedGoLive { get; init; }

    /// <summary>The date it goes (or went) live: agreed, or 1 April after its announcement.</summary>
    public DateOnly? GoLive { get; init; }

    public DateTimeOffset? LiveAt { get; init; }
    public IReadOnlyList<TimelineEntry> Timeline { get; init; } = [];

    /// <summary>
    /// What stopped its workflow, recorded by the workflow itself when an activity failed after its retries; cleared
    /// when the national team restarts it. The national team's list of workflows out of step shows it.
    /// </summary>
    public WorkflowProblem? WorkflowProblem { get; init; }

    /// <summary>How many times the national team restarted its workflow from this record.</summary>
    public int Restarts { get; init; }

    /// <summary>When the retention policy removed its people's details (see Retention/RetentionSweep).</summary>
    public DateTimeOffset? PersonalDataRemovedAt { get; init; }

    /// <summary>
    /// Commands the API accepted (answered 202) that the orchestration has not applied yet, oldest first. They are
    /// kept here, under the row's ETag, so none is lost if its wake-up event is, and so the API judges a new command
    /// against where the application will stand, not where it stood.
    /// </summary>
    public IReadOnlyList<ApplicationCommand> Pending { get; init; } = [];

    /// <summary>
    /// The orchestration's last batch of applied commands and its number, so a retried apply activity returns the same
    /// batch rather than an empty one (and the notifications for it are still sent).
    /// </summary>
    public int AppliedBatch { get; init; }

    public IReadOnlyList<ApplicationCommand> LastApplied { get; init; } = [];

    /// <summary>The status once every pending command is applied.</summary>
    public ApplicationStatus ProjectedStatus =>
        ApplicationLifecycle.After(Status, Pending.Select(c => c.TargetStatus).OfType<ApplicationStatus>());

    /// <summary>Overdue from the deadline on while undecided, even before the escalation step has recorded
    /// it.</summary>
    public bool IsOverdue(DateTimeOffset now) =>
        Overdue || (Status == ApplicationStatus.UnderReview && now > ReviewDeadline);

    /// <summary>This record plus one line of history.</summary>
    public ApplicationRecord With(DateTimeOffset at, string what, string by) =>
        this with
        {
            Timeline = [.. Timeline, new TimelineEntry(at, what, by)],
        };

    /// <summary>What the programme-wide rules (conflicts, coverage) need.</summary>
    public ApplicationSummary ToSummary() =>
        new(
            Reference,
            ConsortiumName,
            Domain.ShaCode.From(ShaCode).Value!,
            Status,
            [.. PracticeCodes.Select(c => PracticeCode.From(c).Value!)],
            RegisteredPopulation,
            [.. SupportNeeds],
            ReceivedAt
        );
}

/// <summary>A recorded review decision; <paramref name="Id"/> tells whose decision won a race.</summary>
public sealed record DecisionRecord(
    string Id,
    ReviewOutcome Outcome,
    CriteriaAssessment Criteria,
    string? Comments,
    string Reviewer,
    DateTimeOffset DecidedAt
);

/// <summary>What stopped an application's workflow, and when.</summary>
public sealed record WorkflowProblem(DateTimeOffset At, string Error);

/// <summary>One line of "what happened, when, by whom".</summary>
public sealed record TimelineEntry(DateTimeOffset At, string What, string By);
