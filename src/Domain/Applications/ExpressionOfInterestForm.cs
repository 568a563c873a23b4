namespace Pathfinder.Domain;

/// <summary>
/// An expression of interest exactly as it arrives, from the HTTP API's JSON or a parsed email: nothing is
/// checked yet, so everything may be missing, and list sizes stay text so "abc" can be reported back as typed.
/// Property names give the JSON field names (camelCase) used in <see cref="ValidationProblem.Field"/>.
/// </summary>
public sealed record ExpressionOfInterestForm
{
    public string? ConsortiumName { get; init; }
    public string? ShaCode { get; init; }
    public IReadOnlyList<string?>? PctNames { get; init; }
    public LeadGpForm? LeadGp { get; init; }
    public IReadOnlyList<PracticeForm?>? Practices { get; init; }
    public string? LocalAuthority { get; init; }
    public EvidenceForm? Evidence { get; init; }
    public IReadOnlyList<string?>? SupportNeeds { get; init; }
    public IReadOnlyList<string?>? AreasOfWork { get; init; }

    /// <summary>A date as 2011-04-01 (ISO) or 01/04/2011 (UK day/month/year).</summary>
    public string? ProposedGoLive { get; init; }

    public bool? ResearchEvaluationOptIn { get; init; }

    /// <summary>Checks everything and returns the expression of interest or every problem at once.</summary>
    public Validated<ExpressionOfInterest> Validate() => ExpressionOfInterestValidator.Validate(this);
}

/// <summary>The lead GP as sent.</summary>
public sealed record LeadGpForm
{
    public string? Name { get; init; }
    public string? Email { get; init; }
    public string? Phone { get; init; }
}

/// <summary>A member practice as sent; the list size is text so that a typo can be quoted back.</summary>
public sealed record PracticeForm
{
    public string? Code { get; init; }
    public string? Name { get; init; }
    public string? ListSize { get; init; }
}

/// <summary>The three pieces of evidence as sent.</summary>
public sealed record EvidenceForm
{
    public string? GpLeadership { get; init; }
    public string? LocalAuthorityEngagement { get; init; }
    public string? QippContribution { get; init; }
}
