namespace Pathfinder.Domain;

/// <summary>
/// A consortium's valid expression of interest, as its SHA considers it. Built by
/// <see cref="ExpressionOfInterestForm.Validate"/> from what the applicant sent; every text is trimmed and present.
/// </summary>
/// <param name="ConsortiumName">The name the group of practices goes by.</param>
/// <param name="Sha">The SHA that considers the application.</param>
/// <param name="PctNames">The Primary Care Trust(s) the consortium works with: at least one.</param>
/// <param name="LeadGp">Who leads the consortium and how to reach them.</param>
/// <param name="Practices">The member practices, each listed once.</param>
/// <param name="LocalAuthority">The Local Authority the consortium engages with.</param>
/// <param name="Evidence">The evidence for the three things the SHA must see.</param>
/// <param name="SupportNeeds">The support the consortium asks for; may be empty.</param>
/// <param name="AreasOfWork">What the consortium means to work on first; may be empty.</param>
/// <param name="ProposedGoLive">When the consortium proposes to take on responsibilities, if it said.</param>
/// <param name="ResearchEvaluationOptIn">Whether it opts in to the research unit's evaluation.</param>
public sealed record ExpressionOfInterest(
    string ConsortiumName,
    ShaCode Sha,
    IReadOnlyList<string> PctNames,
    LeadGp LeadGp,
    IReadOnlyList<MemberPractice> Practices,
    string LocalAuthority,
    Evidence Evidence,
    IReadOnlySet<SupportNeed> SupportNeeds,
    IReadOnlyList<string> AreasOfWork,
    DateOnly? ProposedGoLive,
    bool ResearchEvaluationOptIn
)
{
    /// <summary>Patients registered with the member practices: what coverage is counted in.</summary>
    public long RegisteredPopulation => Practices.Sum(p => (long)p.ListSize);
}

/// <summary>The GP who leads the consortium.</summary>
public sealed record LeadGp(string Name, string Email, string Phone);

/// <summary>A member practice and its registered list size (patients), which is always above zero.</summary>
public sealed record MemberPractice(PracticeCode Code, string Name, int ListSize);

/// <summary>
/// The three things an SHA must see: any group may join unless it cannot demonstrate one of them (DH letter,
/// 26 October 2010).
/// </summary>
public sealed record Evidence(string GpLeadership, string LocalAuthorityEngagement, string QippContribution);
