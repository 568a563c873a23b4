using System.Globalization;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Pages.National;

/// <summary>
/// The reports page: the pipeline, why groups are turned down, coverage by wave with its forecast, coverage now and
/// support needs, each a table (and a chart where one helps) with its CSV file.
/// </summary>
public sealed record ReportsModel(Reports.NationalReports Reports)
{
    public CoverageReport Coverage => Reports.Coverage;

    public SupportNeedsReport SupportNeeds => Reports.SupportNeeds;

    /// <summary>Every step of coverage by wave: the waves announced, then the two forecasts.</summary>
    public IReadOnlyList<CoverageStep> CoverageSteps =>
        [
            .. Reports.CoverageByWave.Waves,
            Reports.CoverageByWave.IfApprovedJoin,
            Reports.CoverageByWave.IfUnderReviewApproved,
        ];

    public BarChartModel CoverageByWaveChart =>
        new(
            "coverage-by-wave-chart",
            "England's population covered, wave by wave",
            "Percentage of England's population registered with practices in pathfinders after each announced wave, "
                + "then "
                + "if every approved application joined the next wave, and if every application under review were "
                + "approved too.",
            [
                .. CoverageSteps.Select(s => new BarChartBar(
                    s.Label,
                    (double)s.England.SharePercent,
                    Percent(s.England.SharePercent)
                )),
            ],
            100d
        );

    /// <summary>The address of a report's CSV file.</summary>
    public static string CsvLink(string report) => $"/national/reports/{report}/csv";

    public static string Days(decimal? days) => days?.ToString("0.0", CultureInfo.InvariantCulture) ?? "none decided";

    public BarChartModel CoverageChart =>
        new(
            "coverage-chart",
            "Population covered by pathfinders, by SHA",
            "Percentage of each SHA's population registered with practices in announced or live pathfinders. "
                + $"England as a whole: {Percent(Coverage.England.SharePercent)}.",
            [.. Coverage.Shas.Select(s => new BarChartBar(s.Name, (double)s.SharePercent, Percent(s.SharePercent)))],
            Math.Max(100d, (double)Coverage.Shas.Max(s => s.SharePercent))
        );

    public BarChartModel SupportNeedsChart
    {
        get
        {
            var england = SupportNeeds.England;
            var bars = Enum.GetValues<SupportNeed>()
                .Select(n => new BarChartBar(
                    Sentence(Pathfinder.Domain.SupportNeeds.Describe(n)),
                    england[n],
                    england[n].ToString(CultureInfo.InvariantCulture)
                ))
                .ToList();
            return new BarChartModel(
                "support-needs-chart",
                "Support asked for, in England",
                $"How many of the {Applications:N0} applications in England asked for each kind of support.",
                bars,
                Math.Max(1, bars.Max(b => b.Value))
            );
        }
    }

    public int Applications => SupportNeeds.Shas.Sum(s => s.Applications);

    public static string Percent(decimal share) => share.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Sentence(string phrase) =>
        phrase.Length == 0 ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];
}

/// <summary>A horizontal bar chart: its id (for the title and description ids), what it shows, and its bars.</summary>
public sealed record BarChartModel(
    string Id,
    string Title,
    string Description,
    IReadOnlyList<BarChartBar> Bars,
    double Max
);

/// <summary>One bar: its label, its value, and the value as people read it.</summary>
public sealed record BarChartBar(string Label, double Value, string Text);
