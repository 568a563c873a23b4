using System.Globalization;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using static Pathfinder.Functions.Reports.CsvTable;

namespace Pathfinder.Functions.Reports;

/// <summary>Each report, and the application list, as a table for a CSV file: the figures the pages show.</summary>
public static class ReportTables
{
    /// <summary>The reports that have a CSV file, by the name in its address.</summary>
    public static IReadOnlyList<string> Names { get; } =
    ["pipeline", "rejections", "coverage-by-wave", "coverage", "support-needs"];

    public static CsvTable? For(string name, NationalReports reports)
    {
        ArgumentNullException.ThrowIfNull(reports);
        return name switch
        {
            "pipeline" => Pipeline(reports.Pipeline),
            "rejections" => Rejections(reports.Rejections),
            "coverage-by-wave" => CoverageByWave(reports.CoverageByWave),
            "coverage" => Coverage(reports.Coverage),
            "support-needs" => SupportNeedsBySha(reports.SupportNeeds),
            _ => null,
        };
    }

    public static CsvTable Pipeline(PipelineReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            "pipeline.csv",
            [
                "Area code",
                "Area",
                "Received",
                "Under review",
                "Overdue",
                "Approved",
                "Rejected",
                "Withdrawn",
                "Announced",
                "Live",
                "Decided",
                "Median days to decision",
                "Longest days to decision",
                "Decided after the deadline",
            ],
            [
                .. report
                    .Shas.Append(report.England)
                    .Select(l =>
                        (IReadOnlyList<string>)
                            [
                                l.Area.Code,
                                l.Area.Name,
                                Number(l.Received),
                                Number(l.UnderReview),
                                Number(l.Overdue),
                                Number(l.Approved),
                                Number(l.Rejected),
                                Number(l.Withdrawn),
                                Number(l.Announced),
                                Number(l.Live),
                                Number(l.Decided),
                                Number(l.MedianDaysToDecision),
                                Number(l.LongestDaysToDecision),
                                Number(l.DecidedLate),
                            ]
                    ),
            ]
        );
    }

    public static CsvTable Rejections(RejectionReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            "rejections.csv",
            ["Area code", "Area", "Rejected", "Criterion not demonstrated", "Rejections", "Share of rejections (%)"],
            [
                .. report
                    .Shas.Append(report.England)
                    .SelectMany(l =>
                        l.Criteria.Select(c =>
                            (IReadOnlyList<string>)
                                [
                                    l.Area.Code,
                                    l.Area.Name,
                                    Number(l.Rejected),
                                    c.Name,
                                    Number(c.Count),
                                    Number(c.SharePercent),
                                ]
                        )
                    ),
            ]
        );
    }

    public static CsvTable CoverageByWave(WaveCoverageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            "coverage-by-wave.csv",
            ["Step", "Area code", "Area", "Pathfinders", "Registered population", "Population covered (%)"],
            [
                .. report
                    .Waves.Append(report.IfApprovedJoin)
                    .Append(report.IfUnderReviewApproved)
                    .SelectMany(step =>
                        step.Shas.Append(step.England)
                            .Select(a =>
                                (IReadOnlyList<string>)
                                    [
                                        step.Label,
                                        a.Area.Code,
                                        a.Area.Name,
                                        Number(a.Pathfinders),
                                        Number(a.RegisteredPopulation),
                                        Number(a.SharePercent),
                                    ]
                            )
                    ),
            ]
        );
    }

    public static CsvTable Coverage(CoverageReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new(
            "coverage.csv",
            ["Area code", "Area", "Pathfinders", "Registered population", "Population", "Population covered (%)"],
            [
                .. report
                    .Shas.Append(report.England)
                    .Select(a =>
                        (IReadOnlyList<string>)
                            [
                                a.Code,
                                a.Name,
                                Number(a.Pathfinders),
                                Number(a.RegisteredPopulation),
                                Number(a.Population),
                                Number(a.SharePercent),
                            ]
                    ),
            ]
        );
    }

    public static CsvTable SupportNeedsBySha(SupportNeedsReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var needs = Enum.GetValues<SupportNeed>();
        return new(
            "support-needs.csv",
            ["Area code", "Area", "Applications", .. needs.Select(n => Sentence(SupportNeeds.Describe(n)))],
            [
                .. report.Shas.Select(s =>
                    (IReadOnlyList<string>)
                        [s.Sha.Code, s.Sha.Name, Number(s.Applications), .. needs.Select(n => Number(s.Counts[n]))]
                ),
                [
                    ReferencePopulation2010.EnglandCode,
                    "England",
                    Number(report.Shas.Sum(s => s.Applications)),
                    .. needs.Select(n => Number(report.England[n])),
                ],
            ]
        );
    }

    /// <summary>The application list as the reviewer filtered it, a row per application.</summary>
    public static CsvTable Applications(IEnumerable<ApplicationRecord> records, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(records);
        return new(
            "applications.csv",
            [
                "Reference",
                "Consortium",
                "SHA",
                "Status",
                "Received",
                "Decision due",
                "Overdue",
                "Practices",
                "Registered population",
                "Lead GP",
                "Decided",
                "Wave",
                "Go-live",
            ],
            [
                .. records.Select(r =>
                    (IReadOnlyList<string>)
                        [
                            r.Reference,
                            r.ConsortiumName,
                            r.ShaCode,
                            ApplicationLifecycle.Describe(r.Status),
                            Date(r.ReceivedAt),
                            Date(r.ReviewDeadline),
                            r.IsOverdue(now) ? "yes" : "no",
                            Number(r.PracticeCodes.Count),
                            Number(r.RegisteredPopulation),
                            r.LeadGpName,
                            r.Decision is { } d ? Date(d.DecidedAt) : "",
                            r.Wave is { } w ? Number(w) : "",
                            r.GoLive?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) ?? "",
                        ]
                ),
            ]
        );
    }

    private static string Date(DateTimeOffset at) =>
        UkTime.DateOf(at).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Sentence(string phrase) =>
        phrase.Length == 0 ? phrase : char.ToUpperInvariant(phrase[0]) + phrase[1..];
}
