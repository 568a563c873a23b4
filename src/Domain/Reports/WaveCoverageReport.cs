namespace Pathfinder.Domain;

/// <summary>An area's population covered at one point: registered population, and its share of the area's.</summary>
public sealed record AreaShare(ReportArea Area, int Pathfinders, long RegisteredPopulation, decimal SharePercent);

/// <summary>
/// Coverage after one announced wave (every pathfinder of that wave and the earlier ones), or a forecast.
/// <paramref name="Wave"/> is the wave's number; a forecast has none and a <paramref name="Label"/> saying what it
/// assumes.
/// </summary>
public sealed record CoverageStep(int? Wave, string Label, IReadOnlyList<AreaShare> Shas, AreaShare England);

/// <summary>
/// The programme over time: the share of each SHA's and England's population covered after each announced wave
/// (the seeds: "25% of the population" after the first wave, "over half the country" after the second), then two
/// forecasts: if every approved application joined the next wave, and if every application under review were
/// approved as well.
/// </summary>
public sealed record WaveCoverageReport(
    IReadOnlyList<CoverageStep> Waves,
    CoverageStep IfApprovedJoin,
    CoverageStep IfUnderReviewApproved
)
{
    public static WaveCoverageReport Of(IEnumerable<ReportEntry> entries, int? nextWave)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var all = entries.ToList();
        var pathfinders = all.Where(e =>
                e.Status is ApplicationStatus.Announced or ApplicationStatus.Live && e.Wave is not null
            )
            .ToList();
        var waves = pathfinders
            .Select(e => e.Wave!.Value)
            .Distinct()
            .Order()
            .Select(n => Step(n, $"After wave {n}", pathfinders.Where(e => e.Wave <= n).ToList()))
            .ToList();
        var approved = pathfinders.Concat(all.Where(e => e.Status == ApplicationStatus.Approved)).ToList();
        var joined = nextWave is { } next
            ? $"If every approved application joined wave {next}"
            : "If every approved application joined the next wave";
        return new WaveCoverageReport(
            waves,
            Step(null, joined, approved),
            Step(
                null,
                "If every application under review were approved as well",
                [.. approved.Concat(all.Where(e => e.Status == ApplicationStatus.UnderReview))]
            )
        );
    }

    private static CoverageStep Step(int? wave, string label, List<ReportEntry> covered)
    {
        var shares = ReportArea.Split(covered).Select(a => Share(a.Area, a.Entries)).ToList();
        return new CoverageStep(wave, label, shares[..^1], shares[^1]);
    }

    private static AreaShare Share(ReportArea area, List<ReportEntry> covered)
    {
        var population =
            area.Code == ReferencePopulation2010.EnglandCode
                ? ReferencePopulation2010.England
                : ReferencePopulation2010.For(ShaCode.From(area.Code).Value!);
        var registered = covered.Sum(e => e.RegisteredPopulation);
        return new AreaShare(
            area,
            covered.Count,
            registered,
            Math.Round(100m * registered / population, 1, MidpointRounding.AwayFromZero)
        );
    }
}
