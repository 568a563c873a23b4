namespace Pathfinder.Domain;

/// <summary>What the SHA decided about an expression of interest.</summary>
public enum ReviewOutcome
{
    Approved,
    Rejected,
}

/// <summary>Whether the application demonstrates one criterion, with the reviewer's note.</summary>
public sealed record CriterionAssessment(bool Demonstrated, string? Note);

/// <summary>The reviewer's view of the three criteria the DH letter names.</summary>
public sealed record CriteriaAssessment(
    CriterionAssessment GpLeadership,
    CriterionAssessment LocalAuthorityEngagement,
    CriterionAssessment QippContribution
);

/// <summary>An SHA reviewer's decision; check it with <see cref="ReviewRules.Check(ReviewDecision)"/>.</summary>
public sealed record ReviewDecision(
    ReviewOutcome Outcome,
    CriteriaAssessment Criteria,
    string? Comments,
    string Reviewer,
    DateTimeOffset DecidedAt
);
