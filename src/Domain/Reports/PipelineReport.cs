namespace Pathfinder.Domain;

/// <summary>Where one area's applications stand, and how quickly its SHA decides.</summary>
/// <param name="Received">Every application received, whatever became of it.</param>
/// <param name="Overdue">Under review with the deadline passed (counted among <paramref name="UnderReview"/>
/// too).</param>
/// <param name="Approved">Approved and not yet announced.</param>
/// <param name="MedianDaysToDecision">Median days from receipt to decision over the decided applications; none if
/// none.</param>
/// <param name="DecidedLate">Decisions made after the application's deadline.</param>
public sealed record PipelineLine(
    ReportArea Area,
    int Received,
    int UnderReview,
    int Overdue,
    int Approved,
    int Rejected,
    int Withdrawn,
    int Announced,
    int Live,
    int Decided,
    decimal? MedianDaysToDecision,
    decimal? LongestDaysToDecision,
    int DecidedLate
);

/// <summary>The pipeline by SHA and for England: how many applications stand where, and the SHAs' pace.</summary>
public sealed record PipelineReport(IReadOnlyList<PipelineLine> Shas, PipelineLine England)
{
    public static PipelineReport Of(IEnumerable<ReportEntry> entries, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var lines = ReportArea.Split([.. entries]).Select(a => Line(a.Area, a.Entries, now)).ToList();
        return new PipelineReport(lines[..^1], lines[^1]);
    }

    private static PipelineLine Line(ReportArea area, List<ReportEntry> entries, DateTimeOffset now)
    {
        int Count(ApplicationStatus status) => entries.Count(e => e.Status == status);
        var days = entries.Select(e => e.DaysToDecision).OfType<decimal>().Order().ToList();
        return new PipelineLine(
            area,
            entries.Count,
            Count(ApplicationStatus.UnderReview),
            entries.Count(e => e.IsOverdue(now)),
            Count(ApplicationStatus.Approved),
            Count(ApplicationStatus.Rejected),
            Count(ApplicationStatus.Withdrawn),
            Count(ApplicationStatus.Announced),
            Count(ApplicationStatus.Live),
            days.Count,
            Median(days),
            days.Count > 0 ? days[^1] : null,
            entries.Count(e => e.DecidedLate)
        );
    }

    /// <summary>The middle value, or the mean of the two middle values, to one decimal place.</summary>
    public static decimal? Median(IReadOnlyList<decimal> sorted)
    {
        ArgumentNullException.ThrowIfNull(sorted);
        if (sorted.Count == 0)
        {
            return null;
        }
        var middle = sorted.Count / 2;
        var median = sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
        return Math.Round(median, 1, MidpointRounding.AwayFromZero);
    }
}
