using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Applications;

public sealed class PracticeConflictsTests
{
    private static readonly DateTimeOffset Monday = new(2010, 11, 1, 9, 0, 0, TimeSpan.Zero);

    private static PracticeCode Code(string code) => PracticeCode.From(code).Value!;

    /// <summary>Application <paramref name="id"/>, received <paramref name="day"/> days after Monday.</summary>
    private static ApplicationSummary App(string id, int day, ApplicationStatus status, params string[] codes) =>
        new(
            id,
            $"Consortium {id}",
            ShaCode.NorthEast,
            status,
            [.. codes.Select(Code)],
            10_000,
            [],
            Monday.AddDays(day)
        );

    private static ApplicationReference Ref(string id) => new(id, $"Consortium {id}");

    [Theory]
    [InlineData(ApplicationStatus.UnderReview)]
    [InlineData(ApplicationStatus.Approved)]
    [InlineData(ApplicationStatus.Announced)]
    [InlineData(ApplicationStatus.Live)]
    public void Find_EarlierStandingApplication_HoldsThePracticeAndBlocksApproval(ApplicationStatus status)
    {
        var later = App("app-2", 3, ApplicationStatus.UnderReview, "A89001", "A89002");
        var earlier = App("app-1", 0, status, "A89002", "B81001");

        var conflict = Assert.Single(PracticeConflicts.Find(later, [earlier]));

        Assert.Equal(Code("A89002"), conflict.PracticeCode);
        Assert.Equal(Ref("app-1"), conflict.Holder);
        Assert.True(conflict.Blocks("app-2"));
        Assert.False(PracticeConflicts.CanApprove(later, [earlier]));
    }

    [Fact]
    public void Find_LaterApplicationListingMyPractice_IsFlaggedButDoesNotBlockMe()
    {
        var earlier = App("app-1", 0, ApplicationStatus.UnderReview, "A89001");
        var later = App("app-2", 5, ApplicationStatus.UnderReview, "A89001");

        var conflict = Assert.Single(PracticeConflicts.Find(earlier, [later]));

        Assert.Equal(Ref("app-1"), conflict.Holder);
        Assert.Equal([Ref("app-2")], conflict.AlsoListedBy);
        Assert.False(conflict.Blocks("app-1"));
        Assert.True(PracticeConflicts.CanApprove(earlier, [later]));
    }

    [Theory]
    [InlineData(ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Rejected)]
    public void Find_HolderWithdrawnOrRejected_ReleasesThePracticeToTheNextInLine(ApplicationStatus status)
    {
        var first = App("app-1", 0, status, "A89001");
        var second = App("app-2", 1, ApplicationStatus.UnderReview, "A89001");
        var third = App("app-3", 2, ApplicationStatus.UnderReview, "A89001");

        Assert.True(PracticeConflicts.CanApprove(second, [first, second, third]));
        var conflict = Assert.Single(PracticeConflicts.Find(third, [first, second, third]));
        Assert.Equal(Ref("app-2"), conflict.Holder);
        Assert.False(PracticeConflicts.CanApprove(third, [first, second, third]));
    }

    [Fact]
    public void Find_AnotherShasLaterApplication_NeverBlocksThisShasApproval()
    {
        var mine = App("Q35-0001", 0, ApplicationStatus.UnderReview, "D81001") with { Sha = ShaCode.EastOfEngland };
        var theirs = App("Q33-0004", 9, ApplicationStatus.UnderReview, "D81001") with { Sha = ShaCode.EastMidlands };

        Assert.True(PracticeConflicts.CanApprove(mine, [theirs]));
        Assert.False(PracticeConflicts.CanApprove(theirs, [mine]));
    }

    [Fact]
    public void Find_TheApplicationItself_IsNoConflict()
    {
        var me = App("app-1", 0, ApplicationStatus.UnderReview, "A89001");

        Assert.Empty(PracticeConflicts.Find(me, [me]));
    }

    [Fact]
    public void Find_EveryPracticeIsListedOnceWithItsHolderAndTheOthersInOrderOfArrival()
    {
        var me = App("app-2", 2, ApplicationStatus.UnderReview, "A89001", "A89002");

        var conflicts = PracticeConflicts.Find(
            me,
            [
                App("app-4", 4, ApplicationStatus.Live, "A89002"),
                App("app-1", 1, ApplicationStatus.UnderReview, "A89002"),
                App("app-3", 3, ApplicationStatus.Approved, "A89001", "A89002"),
                App("app-0", 0, ApplicationStatus.Rejected, "A89001"),
            ]
        );

        Assert.Collection(
            conflicts,
            c =>
            {
                Assert.Equal(Code("A89001"), c.PracticeCode);
                Assert.Equal(Ref("app-2"), c.Holder);
                Assert.Equal([Ref("app-3")], c.AlsoListedBy);
            },
            c =>
            {
                Assert.Equal(Code("A89002"), c.PracticeCode);
                Assert.Equal(Ref("app-1"), c.Holder);
                Assert.Equal([Ref("app-3"), Ref("app-4")], c.AlsoListedBy);
            }
        );
    }

    [Fact]
    public void Describe_NamesEachHolderThatBlocksApproval()
    {
        var me = App("app-2", 2, ApplicationStatus.UnderReview, "A89001", "A89002");
        var conflicts = PracticeConflicts.Find(
            me,
            [
                App("app-1", 1, ApplicationStatus.Approved, "A89002"),
                App("app-3", 3, ApplicationStatus.Approved, "A89001"),
            ]
        );

        Assert.Equal(
            "This application cannot be approved while its practices belong to another consortium: "
                + "practice A89002 is held by 'Consortium app-1' (application app-1), received earlier. "
                + "It can be once that application is withdrawn or rejected.",
            PracticeConflicts.Describe("app-2", conflicts)
        );
    }

    [Fact]
    public void Summary_OfAnExpressionOfInterest_CarriesItsPracticesPopulationAndArrival()
    {
        var eoi = Forms.Valid().Validate().Value!;

        var summary = ApplicationSummary.Of("app-9", ApplicationStatus.UnderReview, eoi, Monday);

        Assert.Equal(["A89001", "A89002"], summary.PracticeCodes.Select(c => c.Value));
        Assert.Equal(13_800, summary.RegisteredPopulation);
        Assert.Equal(ShaCode.NorthEast, summary.Sha);
        Assert.Equal("Wearside Health Commissioning", summary.ConsortiumName);
        Assert.Equal(Monday, summary.ReceivedAt);
    }
}
