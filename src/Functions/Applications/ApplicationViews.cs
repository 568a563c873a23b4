using Pathfinder.Domain;

namespace Pathfinder.Functions.Applications;

public sealed record ShaView(string Code, string Name)
{
    public static ShaView Of(string code) => new(code, ShaCode.From(code).Value?.Name ?? code);
}

/// <summary>A shared practice: who holds it (the first received), and whether that blocks approving this one.</summary>
public sealed record ConflictView(
    string PracticeCode,
    ApplicationReference Holder,
    IReadOnlyList<ApplicationReference> AlsoListedBy,
    bool BlocksApproval
);

/// <summary>Everything about one application, as the API shows it.</summary>
public sealed record ApplicationView(
    string Id,
    ApplicationStatus Status,
    bool Overdue,
    string ConsortiumName,
    ShaView Sha,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReviewDeadline,
    string Source,
    long RegisteredPopulation,
    ExpressionOfInterestForm Form,
    IReadOnlyList<ConflictView> Conflicts,
    DecisionRecord? Decision,
    string? WithdrawalReason,
    int? Wave,
    DateTimeOffset? AnnouncedAt,
    DateOnly? AgreedGoLive,
    DateOnly? GoLive,
    DateTimeOffset? LiveAt,
    IReadOnlyList<TimelineEntry> Timeline
)
{
    public static ApplicationView Of(
        ApplicationRecord r,
        IReadOnlyList<PracticeConflict> conflicts,
        DateTimeOffset now
    ) =>
        new(
            r.Reference,
            r.Status,
            r.IsOverdue(now),
            r.ConsortiumName,
            ShaView.Of(r.ShaCode),
            r.ReceivedAt,
            r.ReviewDeadline,
            r.Source,
            r.RegisteredPopulation,
            r.Form,
            [
                .. conflicts.Select(c => new ConflictView(
                    c.PracticeCode.Value,
                    c.Holder,
                    c.AlsoListedBy,
                    c.Blocks(r.Reference)
                )),
            ],
            r.Decision,
            r.WithdrawalReason,
            r.Wave,
            r.AnnouncedAt,
            r.AgreedGoLive,
            r.GoLive,
            r.LiveAt,
            r.Timeline
        );
}

/// <summary>One line of a list.</summary>
public sealed record ApplicationListItem(
    string Id,
    ApplicationStatus Status,
    bool Overdue,
    string ConsortiumName,
    ShaView Sha,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReviewDeadline,
    int? Wave,
    DateOnly? GoLive
)
{
    public static ApplicationListItem Of(ApplicationRecord r, DateTimeOffset now) =>
        new(
            r.Reference,
            r.Status,
            r.IsOverdue(now),
            r.ConsortiumName,
            ShaView.Of(r.ShaCode),
            r.ReceivedAt,
            r.ReviewDeadline,
            r.Wave,
            r.GoLive
        );
}

/// <summary>The answer to a submission.</summary>
public sealed record SubmittedApplication(
    string Id,
    ApplicationStatus Status,
    ShaView Sha,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReviewDeadline,
    string ConsortiumName
)
{
    public static SubmittedApplication Of(ApplicationSubmission s, ShaCode sha) =>
        new(
            s.Reference,
            ApplicationStatus.UnderReview,
            new ShaView(sha.Code, sha.Name),
            s.ReceivedAt,
            s.Window.Deadline,
            s.Form.ConsortiumName?.Trim() ?? ""
        );
}

/// <summary>The answer to a command: accepted, and where to watch the application take it on.</summary>
public sealed record CommandReceipt(string Id, string CommandId, ApplicationCommandKind Kind, ApplicationStatus Status);

public sealed record CriterionRequest(bool? Demonstrated, string? Note);

public sealed record CriteriaRequest(
    CriterionRequest? GpLeadership,
    CriterionRequest? LocalAuthorityEngagement,
    CriterionRequest? QippContribution
);

public sealed record DecisionRequest(string? Outcome, CriteriaRequest? Criteria, string? Comments);

public sealed record WithdrawalRequest(string? Reason);

public sealed record GoLiveRequest(DateOnly? Date);
