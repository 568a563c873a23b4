using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Coverage;

public sealed class CoverageReportTests
{
    private static ApplicationSummary Application(
        string id,
        ShaCode sha,
        ApplicationStatus status,
        long registered,
        params SupportNeed[] needs
    ) => new(id, $"Consortium {id}", sha, status, [], registered, needs, DateTimeOffset.UnixEpoch);

    [Fact]
    public void ReferencePopulation_CoversTheTenShasAndEnglandIsTheirSum()
    {
        Assert.Equal(ShaCode.All, ReferencePopulation2010.BySha.Keys);
        Assert.Equal(2_600_000, ReferencePopulation2010.For(ShaCode.NorthEast));
        Assert.Equal(7_800_000, ReferencePopulation2010.For(ShaCode.London));
        Assert.Equal(52_100_000, ReferencePopulation2010.England);
    }

    [Fact]
    public void Of_CountsOnlyAnnouncedAndLivePathfinders()
    {
        var report = CoverageReport.Of([
            Application("a", ShaCode.NorthEast, ApplicationStatus.Announced, 200_000),
            Application("b", ShaCode.NorthEast, ApplicationStatus.Live, 60_000),
            Application("c", ShaCode.NorthEast, ApplicationStatus.Approved, 500_000),
            Application("d", ShaCode.NorthEast, ApplicationStatus.UnderReview, 500_000),
            Application("e", ShaCode.NorthEast, ApplicationStatus.Withdrawn, 500_000),
            Application("f", ShaCode.NorthEast, ApplicationStatus.Rejected, 500_000),
        ]);

        var northEast = report.Shas[0];
        Assert.Equal(new AreaCoverage("Q30", "North East", 2, 260_000, 2_600_000, 10.0m), northEast);
    }

    [Fact]
    public void Of_ReportsEveryShaAndEngland()
    {
        var report = CoverageReport.Of([
            Application("a", ShaCode.London, ApplicationStatus.Announced, 3_900_000),
            Application("b", ShaCode.SouthWest, ApplicationStatus.Live, 1_000_000),
        ]);

        Assert.Equal(ShaCode.All.Select(s => s.Code), report.Shas.Select(s => s.Code));
        Assert.Equal(50.0m, report.Shas.Single(s => s.Code == "Q36").SharePercent);
        Assert.Equal(18.9m, report.Shas.Single(s => s.Code == "Q39").SharePercent); // 18.87%
        Assert.Equal(0m, report.Shas.Single(s => s.Code == "Q35").SharePercent);
        Assert.Equal(new AreaCoverage("E92000001", "England", 2, 4_900_000, 52_100_000, 9.4m), report.England);
    }

    [Fact]
    public void SupportNeeds_AreCountedBySha_ForAllApplicationsGiven()
    {
        var report = SupportNeedsReport.Of([
            Application("a", ShaCode.NorthWest, ApplicationStatus.UnderReview, 1, SupportNeed.GovernanceModels),
            Application(
                "b",
                ShaCode.NorthWest,
                ApplicationStatus.Rejected,
                1,
                SupportNeed.GovernanceModels,
                SupportNeed.SupportServices
            ),
            Application("c", ShaCode.London, ApplicationStatus.Live, 1, SupportNeed.GovernanceModels),
        ]);

        var northWest = report.Shas.Single(s => s.Sha == ShaCode.NorthWest);
        Assert.Equal(2, northWest.Applications);
        Assert.Equal(2, northWest.Counts[SupportNeed.GovernanceModels]);
        Assert.Equal(1, northWest.Counts[SupportNeed.SupportServices]);
        Assert.Equal(0, northWest.Counts[SupportNeed.ClinicalAndFinancialRisk]);
        Assert.Equal(10, report.Shas.Count);
        Assert.Equal(3, report.England[SupportNeed.GovernanceModels]);
    }
}
