namespace Pathfinder.Domain;

/// <summary>A reviewer's note on a criterion a rejected application did not demonstrate.</summary>
public sealed record RejectionNote(string Reference, string ConsortiumName, string Note);

/// <summary>How many of an area's rejections found one criterion not demonstrated, and the reviewers' notes.</summary>
/// <param name="SharePercent">Of the area's rejections, to one decimal place (a rejection may miss several).</param>
public sealed record CriterionRejections(
    string Key,
    string Name,
    int Count,
    decimal SharePercent,
    IReadOnlyList<RejectionNote> Notes
);

public sealed record RejectionLine(ReportArea Area, int Rejected, IReadOnlyList<CriterionRejections> Criteria);

/// <summary>
/// Why groups are turned down: for each SHA and England, the rejections by criterion not demonstrated. Groups turned
/// down called the criteria "misleading"; this shows which criterion turns them down, and in the reviewers' words.
/// </summary>
public sealed record RejectionReport(IReadOnlyList<RejectionLine> Shas, RejectionLine England)
{
    public static RejectionReport Of(IEnumerable<ReportEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var rejected = entries.Where(e => e.Status == ApplicationStatus.Rejected && e.Criteria is not null).ToList();
        var lines = ReportArea.Split(rejected).Select(a => Line(a.Area, a.Entries)).ToList();
        return new RejectionReport(lines[..^1], lines[^1]);
    }

    private static RejectionLine Line(ReportArea area, List<ReportEntry> rejected) =>
        new(
            area,
            rejected.Count,
            [
                .. Domain.Criteria.All.Select(criterion =>
                {
                    var missed = rejected.Where(e => !criterion.In(e.Criteria!).Demonstrated).ToList();
                    var share =
                        rejected.Count == 0
                            ? 0m
                            : Math.Round(100m * missed.Count / rejected.Count, 1, MidpointRounding.AwayFromZero);
                    return new CriterionRejections(
                        criterion.Key,
                        criterion.Name,
                        missed.Count,
                        share,
                        [
                            .. missed.Select(e => new RejectionNote(
                                e.Reference,
                                e.ConsortiumName,
                                criterion.In(e.Criteria!).Note ?? ""
                            )),
                        ]
                    );
                }),
            ]
        );
}
