using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Applications;

public sealed class ApplicationLifecycleTests
{
    [Theory]
    [InlineData(ApplicationStatus.UnderReview, ApplicationStatus.Approved)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationStatus.Rejected)]
    [InlineData(ApplicationStatus.UnderReview, ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Approved, ApplicationStatus.Announced)]
    [InlineData(ApplicationStatus.Approved, ApplicationStatus.Withdrawn)]
    [InlineData(ApplicationStatus.Announced, ApplicationStatus.Live)]
    [InlineData(ApplicationStatus.Announced, ApplicationStatus.Withdrawn)]
    public void CanMove_TheProgrammesSteps(ApplicationStatus from, ApplicationStatus to)
    {
        Assert.True(ApplicationLifecycle.CanMove(from, to));
        Assert.Equal(to, ApplicationLifecycle.Move(from, to).Value);
    }

    [Fact]
    public void CanMove_NothingElse()
    {
        var allowed = Enum.GetValues<ApplicationStatus>()
            .SelectMany(from => Enum.GetValues<ApplicationStatus>().Select(to => (from, to)))
            .Where(m => ApplicationLifecycle.CanMove(m.from, m.to))
            .Count();

        Assert.Equal(7, allowed);
    }

    [Theory]
    [InlineData(
        ApplicationStatus.Approved,
        ApplicationStatus.Rejected,
        "The application is approved; a decision can only be made while it is under review."
    )]
    [InlineData(
        ApplicationStatus.Withdrawn,
        ApplicationStatus.Approved,
        "The application is withdrawn; a decision can only be made while it is under review."
    )]
    [InlineData(
        ApplicationStatus.Live,
        ApplicationStatus.Withdrawn,
        "The application is live; it can no longer be withdrawn."
    )]
    [InlineData(
        ApplicationStatus.Rejected,
        ApplicationStatus.Withdrawn,
        "The application is rejected; it can no longer be withdrawn."
    )]
    [InlineData(
        ApplicationStatus.UnderReview,
        ApplicationStatus.Announced,
        "An application that is under review cannot become announced."
    )]
    public void Move_Refused_SaysWhy(ApplicationStatus from, ApplicationStatus to, string reason)
    {
        var move = ApplicationLifecycle.Move(from, to);

        Assert.False(move.IsSuccess);
        Assert.Equal(reason, move.Error);
    }

    [Fact]
    public void After_QueuedDecisionThenWithdrawal_EndsWithdrawn()
    {
        Assert.Equal(
            ApplicationStatus.Withdrawn,
            ApplicationLifecycle.After(
                ApplicationStatus.UnderReview,
                [ApplicationStatus.Approved, ApplicationStatus.Withdrawn]
            )
        );
    }

    [Fact]
    public void After_SecondDecision_IsSkippedBecauseTheFirstStands()
    {
        Assert.Equal(
            ApplicationStatus.Approved,
            ApplicationLifecycle.After(
                ApplicationStatus.UnderReview,
                [ApplicationStatus.Approved, ApplicationStatus.Rejected]
            )
        );
    }
}
