using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Applications;

public sealed class PracticeConflictsTests
{
    private static PracticeCode Code(string code) => PracticeCode.From(code).Value!;

    private static ApplicationSummary Other(string id, ApplicationStatus status, params string[] codes) =>
        new(id, $"Consortium {id}", ShaCode.NorthEast, status, [.. codes.Select(Code)], 10_000, []);

    private static readonly PracticeCode[] Mine = [Code("A89001"), Code("A89002")];

    [Theory]
    [InlineData(ApplicationStatus.UnderReview)]
    [InlineData(ApplicationStatus.Approved)]
    [InlineData(ApplicationStatus.Announced)]
    [InlineData(ApplicationStatus.Live)]
    public void Find_PracticeHeldByAnActiveApplication_IsAConflict(ApplicationStatus status)
    {
        var conflicts = PracticeConflicts.Find("app-1", Mine, [Other("app-2", status, "A89002", "B81001")]);

        Assert.Equal([new PracticeConflict(Code("A89002"), "app-2", "Consortium app-2")], conflicts);
        Assert.False(PracticeConflicts.CanApprove("app-1", Mine, [Other("app-2", status, "A89002")]));
    }

    [Theory]
    [InlineData(ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Rejected)]
    public void Find_PracticeReleasedByWithdrawalOrRejection_IsNoConflict(ApplicationStatus status)
    {
        var others = new[] { Other("app-2", status, "A89001", "A89002") };

        Assert.Empty(PracticeConflicts.Find("app-1", Mine, others));
        Assert.True(PracticeConflicts.CanApprove("app-1", Mine, others));
    }

    [Fact]
    public void Find_ConflictClearsWhenTheOtherApplicationIsWithdrawn()
    {
        var before = Other("app-2", ApplicationStatus.Approved, "A89001");
        var after = before with { Status = ApplicationStatus.Withdrawn };

        Assert.False(PracticeConflicts.CanApprove("app-1", Mine, [before]));
        Assert.True(PracticeConflicts.CanApprove("app-1", Mine, [after]));
    }

    [Fact]
    public void Find_TheApplicationItself_IsNotAConflict()
    {
        Assert.Empty(PracticeConflicts.Find("app-1", Mine, [Other("app-1", ApplicationStatus.UnderReview, "A89001")]));
    }

    [Fact]
    public void Find_EveryConflictWithEveryApplication_IsListed()
    {
        var conflicts = PracticeConflicts.Find(
            "app-1",
            Mine,
            [
                Other("app-3", ApplicationStatus.Live, "A89002"),
                Other("app-2", ApplicationStatus.UnderReview, "A89001", "A89002"),
                Other("app-4", ApplicationStatus.Rejected, "A89001"),
            ]);

        Assert.Equal(
            [
                new PracticeConflict(Code("A89001"), "app-2", "Consortium app-2"),
                new PracticeConflict(Code("A89002"), "app-2", "Consortium app-2"),
                new PracticeConflict(Code("A89002"), "app-3", "Consortium app-3"),
            ],
            conflicts);
    }

    [Fact]
    public void Summary_OfAnExpressionOfInterest_CarriesItsPracticesAndPopulation()
    {
        var eoi = Forms.Valid().Validate().Value!;

        var summary = ApplicationSummary.Of("app-9", ApplicationStatus.UnderReview, eoi);

        Assert.Equal(["A89001", "A89002"], summary.PracticeCodes.Select(c => c.Value));
        Assert.Equal(13_800, summary.RegisteredPopulation);
        Assert.Equal(ShaCode.NorthEast, summary.Sha);
        Assert.Equal("Wearside Health Commissioning", summary.ConsortiumName);
    }
}
