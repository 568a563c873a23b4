using Pathfinder.Domain;

namespace Pathfinder.Functions.Applications;

public sealed record ShaView(string Code, string Name)
{
    public static ShaView Of(string code) => new(code, ShaCode.From(code).Value?.Name ?? code);
}

public sealed record ConflictView(string PracticeCode, string OtherApplicationId, string OtherConsortiumName);

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
    IReadOnlyList<TimelineEntry> Timeline)
{
    public static ApplicationView Of(ApplicationRecord r, IReadOnlyList<PracticeConflict> conflicts, DateTimeOffset now) =>
        new(r.Reference, r.Status, r.IsOverdue(now), r.ConsortiumName, ShaView.Of(r.ShaCode),
            r.ReceivedAt, r.ReviewDeadline, r.Source, r.RegisteredPopulation, r.Form,
            [.. conflicts.Select(c => new ConflictView(c.PracticeCode.Value, c.OtherApplicationId, c.OtherConsortiumName))],
            r.Decision, r.WithdrawalReason, r.Wave, r.AnnouncedAt, r.AgreedGoLive, r.GoLive, r.LiveAt, r.Timeline);
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
    DateOnly? GoLive)
{
    public static ApplicationListItem Of(ApplicationRecord r, DateTimeOffset now) =>
        new(r.Reference, r.Status, r.IsOverdue(now), r.ConsortiumName, ShaView.Of(r.ShaCode), r.ReceivedAt, r.ReviewDeadline, r.Wave, r.GoLive);
}

/// <summary>The answer to a submission.</summary>
public sealed record SubmittedApplication(string Id, ApplicationStatus Status, ShaView Sha, DateTimeOffset ReceivedAt,
    DateTimeOffset ReviewDeadline);

public sealed record CriterionRequest(bool? Demonstrated, string? Note);

public sealed record CriteriaRequest(CriterionRequest? GpLeadership, CriterionRequest? LocalAuthorityEngagement,
    CriterionRequest? QippContribution);

public sealed record DecisionRequest(string? Outcome, CriteriaRequest? Criteria, string? Comments);

public sealed record WithdrawalRequest(string? Reason);

public sealed record GoLiveRequest(DateOnly? Date);
