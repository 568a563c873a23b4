using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Reports;

/// <summary>
/// The national reports over a small fixed programme, with every figure worked out by hand. Received 1 November
/// 2010 at 09:00, each application's deadline is four weeks later (29 November); "now" is 10 December.
/// </summary>
public sealed class NationalReportTests
{
    private static readonly DateTimeOffset Received = new(2010, 11, 1, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Now = new(2010, 12, 10, 9, 0, 0, TimeSpan.Zero);

    private static readonly CriterionAssessment Met = new(true, "shown");

    /// <summary>
    /// North East (Q30, population 2,600,000): a1 live from wave 1 (decided in 10 days, 260,000 patients), a2
    /// announced in wave 2 (decided in 20 days, 130,000), a3 approved (30 days: late, 52,000), a4 rejected for GP
    /// leadership and QIPP (12 days), a5 under review and overdue (26,000), a6 withdrawn.
    /// London (Q36, 7,800,000): b1 rejected for Local Authority engagement (40 days: late), b2 under review, not
    /// yet overdue (received 1 December, 78,000).
    /// </summary>
    private static readonly ReportEntry[] Programme =
    [
        Entry("a1", ShaCode.NorthEast, ApplicationStatus.Live, 260_000, 10) with
        {
            Wave = 1,
        },
        Entry("a2", ShaCode.NorthEast, ApplicationStatus.Announced, 130_000, 20) with
        {
            Wave = 2,
        },
        Entry("a3", ShaCode.NorthEast, ApplicationStatus.Approved, 52_000, 30),
        Entry("a4", ShaCode.NorthEast, ApplicationStatus.Rejected, 10_000, 12) with
        {
            Criteria = new(new(false, "no GP support letters"), Met, new(false, "no QIPP plan")),
        },
        Entry("a5", ShaCode.NorthEast, ApplicationStatus.UnderReview, 26_000, null),
        Entry("a6", ShaCode.NorthEast, ApplicationStatus.Withdrawn, 5_000, null),
        Entry("b1", ShaCode.London, ApplicationStatus.Rejected, 40_000, 40) with
        {
            Criteria = new(Met, new(false, "the council has not been approached"), Met),
        },
        Entry("b2", ShaCode.London, ApplicationStatus.UnderReview, 78_000, null) with
        {
            ReceivedAt = new(2010, 12, 1, 9, 0, 0, TimeSpan.Zero),
            ReviewDeadline = new(2010, 12, 29, 9, 0, 0, TimeSpan.Zero),
        },
    ];

    private static ReportEntry Entry(
        string id,
        ShaCode sha,
        ApplicationStatus status,
        long patients,
        int? decidedAfterDays
    ) =>
        new(id, $"Consortium {id}", sha, status, patients, Received, Received.AddDays(28))
        {
            DecidedAt = decidedAfterDays is { } d ? Received.AddDays(d) : null,
            Criteria = decidedAfterDays is null ? null : new(Met, Met, Met),
        };

    [Fact]
    public void Pipeline_CountsEachStatus_OverdueAndLateDecisions_AndTheMedianAndLongestDaysToDecide()
    {
        var report = PipelineReport.Of(Programme, Now);

        var northEast = report.Shas.Single(l => l.Area.Code == "Q30");
        // Decided after 10, 12, 20 and 30 days: median (12 + 20) / 2 = 16.0, longest 30.0; a3's 30 days is late.
        Assert.Equal(
            new PipelineLine(
                new ReportArea("Q30", "North East"),
                Received: 6,
                UnderReview: 1,
                Overdue: 1,
                Approved: 1,
                Rejected: 1,
                Withdrawn: 1,
                Announced: 1,
                Live: 1,
                Decided: 4,
                MedianDaysToDecision: 16.0m,
                LongestDaysToDecision: 30.0m,
                DecidedLate: 1
            ),
            northEast
        );
        // England: decided after 10, 12, 20, 30 and 40 days: median 20.0, longest 40.0; a3 and b1 late; b2 not overdue.
        Assert.Equal(new PipelineLine(ReportArea.England, 8, 2, 1, 1, 2, 1, 1, 1, 5, 20.0m, 40.0m, 2), report.England);
        var nobody = report.Shas.Single(l => l.Area.Code == "Q31");
        Assert.Equal((0, null, null), (nobody.Received, nobody.MedianDaysToDecision, nobody.LongestDaysToDecision));
        Assert.Equal(10, report.Shas.Count);
    }

    [Fact]
    public void Rejections_CountEachCriterionNotDemonstrated_AsAShareOfTheRejections_WithTheReviewersNotes()
    {
        var report = RejectionReport.Of(Programme);

        var england = report.England;
        Assert.Equal(2, england.Rejected);
        // GP leadership: a4 of 2 rejections, 50.0%; Local Authority: b1, 50.0%; QIPP: a4, 50.0%.
        Assert.Equal(
            [("gpLeadership", 1, 50.0m), ("localAuthorityEngagement", 1, 50.0m), ("qippContribution", 1, 50.0m)],
            england.Criteria.Select(c => (c.Key, c.Count, c.SharePercent))
        );
        Assert.Equal(
            [new RejectionNote("b1", "Consortium b1", "the council has not been approached")],
            england.Criteria[1].Notes
        );
        var northEast = report.Shas.Single(l => l.Area.Code == "Q30");
        Assert.Equal([100.0m, 0.0m, 100.0m], northEast.Criteria.Select(c => c.SharePercent));
        Assert.Equal("no QIPP plan", northEast.Criteria[2].Notes.Single().Note);
        Assert.All(report.Shas.Single(l => l.Area.Code == "Q31").Criteria, c =>
            Assert.Equal((0, 0m), (c.Count, c.SharePercent))
        );
    }

    [Fact]
    public void CoverageByWave_AddsEachWaveToThoseBefore_ThenForecastsTheApprovedAndThoseUnderReview()
    {
        var report = WaveCoverageReport.Of(Programme, nextWave: 3);

        // After wave 1: a1, 260,000 of North East's 2,600,000 = 10.0%; of England's 52,100,000 = 0.5%.
        // After wave 2: a1 + a2 = 390,000: 15.0% and 0.7%.
        Assert.Equal(
            [(1, 10.0m, 0.5m), (2, 15.0m, 0.7m)],
            report.Waves.Select(w =>
                (w.Wave!.Value, w.Shas.Single(s => s.Area.Code == "Q30").SharePercent, w.England.SharePercent)
            )
        );
        // a3 joining wave 3: 442,000 = 17.0% of North East; 0.8% of England.
        Assert.Equal("If every approved application joined wave 3", report.IfApprovedJoin.Label);
        Assert.Equal(442_000, report.IfApprovedJoin.England.RegisteredPopulation);
        Assert.Equal(17.0m, report.IfApprovedJoin.Shas.Single(s => s.Area.Code == "Q30").SharePercent);
        // And a5 and b2 approved too: North East 468,000 = 18.0%; London 78,000 = 1.0%; England 546,000 = 1.0%.
        var all = report.IfUnderReviewApproved;
        Assert.Equal(
            (18.0m, 1.0m, 546_000L, 1.0m),
            (
                all.Shas.Single(s => s.Area.Code == "Q30").SharePercent,
                all.Shas.Single(s => s.Area.Code == "Q36").SharePercent,
                all.England.RegisteredPopulation,
                all.England.SharePercent
            )
        );
    }

    [Fact]
    public void CoverageByWave_BeforeAnyWave_HasOnlyTheForecasts()
    {
        var report = WaveCoverageReport.Of([Programme[2]], nextWave: null);

        Assert.Empty(report.Waves);
        Assert.Equal("If every approved application joined the next wave", report.IfApprovedJoin.Label);
        Assert.Equal(2.0m, report.IfApprovedJoin.Shas.Single(s => s.Area.Code == "Q30").SharePercent);
    }

    [Fact]
    public void Median_OfOddAndEvenCounts()
    {
        Assert.Null(PipelineReport.Median([]));
        Assert.Equal(3.0m, PipelineReport.Median([1m, 3m, 9m]));
        Assert.Equal(2.5m, PipelineReport.Median([1m, 2m, 3m, 9m]));
    }

    [Theory]
    [InlineData("working in partnership with PCTs and boards")]
    [InlineData("Partnership with PCTs & boards")]
    [InlineData("PartnershipWithPctsAndBoards")]
    public void PartnershipWithPctsAndBoards_IsASupportNeed(string written) =>
        Assert.Equal(SupportNeed.PartnershipWithPctsAndBoards, SupportNeeds.From(written).Value);
}
