using System.Globalization;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Pages.National;

/// <summary>The reports page: coverage by SHA and support needs, each drawn as a chart beside a table of its figures.</summary>
public sealed record ReportsModel(CoverageReport Coverage, SupportNeedsReport SupportNeeds)
{
    public BarChartModel CoverageChart => new("coverage-chart", "Population covered by pathfinders, by SHA",
        "Percentage of each SHA's population registered with practices in announced or live pathfinders. " +
        $"England as a whole: {Percent(Coverage.England.SharePercent)}.",
        [.. Coverage.Shas.Select(s => new BarChartBar(s.Name, (double)s.SharePercent, Percent(s.SharePercent)))],
        Math.Max(100d, (double)Coverage.Shas.Max(s => s.SharePercent)));

    public BarChartModel SupportNeedsChart
    {
        get
        {
            var england = SupportNeeds.England;
            var bars = Enum.GetValues<SupportNeed>()
                .Select(n => new BarChartBar(Sentence(Pathfinder.Domain.SupportNeeds.Describe(n)), england[n], england[n].ToString(CultureInfo.InvariantCulture)))
                .ToList();
            return new BarChartModel("support-needs-chart", "Support asked for, in England",
                $"How many of the {Applications:N0} applications in England asked for each kind of support.", bars,
                Math.Max(1, bars.Max(b => b.Value)));
        }
    }

    public int Applications => SupportNeeds.Shas.Sum(s => s.Applications);

    public static string Percent(decimal share) => share.ToString("0.0", CultureInfo.InvariantCulture) + "%";

    public static string Sentence(string phrase) => phrase.Length == 0 ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];
}

/// <summary>A horizontal bar chart: its id (for the title and description ids), what it shows, and its bars.</summary>
public sealed record BarChartModel(string Id, string Title, string Description, IReadOnlyList<BarChartBar> Bars, double Max);

/// <summary>One bar: its label, its value, and the value as people read it.</summary>
public sealed record BarChartBar(string Label, double Value, string Text);
