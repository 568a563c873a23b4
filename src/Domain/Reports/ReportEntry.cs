namespace Pathfinder.Domain;

/// <summary>
/// What the national team's reports need to know of one application. The reports are worked out from these alone,
/// so the same entries give the same figures on the pages, in the API and in the CSV files.
/// </summary>
public sealed record ReportEntry(
    string Reference,
    string ConsortiumName,
    ShaCode Sha,
    ApplicationStatus Status,
    long RegisteredPopulation,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReviewDeadline
)
{
    /// <summary>When the SHA decided, for an application approved or rejected (and those announced or live
    /// since).</summary>
    public DateTimeOffset? DecidedAt { get; init; }

    /// <summary>The reviewers' view of the criteria, with their notes, for a decided application.</summary>
    public CriteriaAssessment? Criteria { get; init; }

    /// <summary>The wave it was announced in.</summary>
    public int? Wave { get; init; }

    public IReadOnlyList<SupportNeed> SupportNeeds { get; init; } = [];

    /// <summary>Under review with its deadline passed.</summary>
    public bool IsOverdue(DateTimeOffset now) => Status == ApplicationStatus.UnderReview && now > ReviewDeadline;

    /// <summary>Decided after its deadline (the four weeks, or whatever period applied to it).</summary>
    public bool DecidedLate => DecidedAt > ReviewDeadline;

    /// <summary>Days from receipt to decision, to one decimal place.</summary>
    public decimal? DaysToDecision =>
        DecidedAt is { } at ? Math.Round((decimal)(at - ReceivedAt).TotalDays, 1, MidpointRounding.AwayFromZero) : null;
}

/// <summary>One area of a report: an SHA, or England (code <see
/// cref="ReferencePopulation2010.EnglandCode"/>).</summary>
public sealed record ReportArea(string Code, string Name)
{
    public static ReportArea England { get; } = new(ReferencePopulation2010.EnglandCode, "England");

    public static ReportArea Of(ShaCode sha)
    {
        ArgumentNullException.ThrowIfNull(sha);
        return new(sha.Code, sha.Name);
    }

    /// <summary>Each SHA in code order with its own entries, then England with them all.</summary>
    public static IEnumerable<(ReportArea Area, List<ReportEntry> Entries)> Split(
        IReadOnlyCollection<ReportEntry> entries
    ) =>
        ShaCode
            .All.Select(sha => (Of(sha), entries.Where(e => e.Sha == sha).ToList()))
            .Append((England, entries.ToList()));
}
