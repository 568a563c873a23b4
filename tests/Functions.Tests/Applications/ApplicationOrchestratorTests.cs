using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Applications;

/// <summary>Every path of an application's orchestration, on a mocked context: weeks pass in a line, each test in
/// milliseconds.</summary>
public sealed class ApplicationOrchestratorTests
{
    [Fact]
    public void Approve_NotifiesTheApprovalAndWaitsForAWave_WithoutReminders()
    {
        var script = new OrchestrationScript().Decides(3, ReviewOutcome.Approved);

        Assert.Null(script.Run());

        Assert.Equal(
            [NotificationKind.Acknowledgement, NotificationKind.NewApplication, NotificationKind.Approved],
            script.Sent
        );
        Assert.Empty(script.Checkpoints);
        Assert.Equal(
            new ApplicationProgress("approved", null, "announcement in the next national wave"),
            script.Progress
        );
    }

    [Fact]
    public void Reject_TellsTheApplicantWhichCriterionWasNotMetAndEnds()
    {
        var script = new OrchestrationScript().Decides(
            5,
            ReviewOutcome.Rejected,
            notMet: "no contact with the council"
        );

        Assert.Equal("rejected", script.Run());

        var rejected = Assert.IsType<ApplicationNotification.Rejected>(script.Notifications[^1]);
        var notMet = Assert.Single(rejected.NotMet);
        Assert.Equal("Local Authority engagement", notMet.Criterion);
        Assert.Equal("no contact with the council", notMet.Reason);
        Assert.Equal("comments", rejected.Comments);
    }

    [Fact]
    public void Withdraw_UnderReview_EndsWithTheReasonBeforeAnyReminder()
    {
        var script = new OrchestrationScript().Withdraws(2, "practices joined another group");

        Assert.Equal("withdrawn", script.Run());

        var withdrawn = Assert.IsType<ApplicationNotification.Withdrawn>(script.Notifications[^1]);
        Assert.Equal("practices joined another group", withdrawn.Reason);
        Assert.Empty(script.Checkpoints);
    }

    [Fact]
    public void Withdraw_WhenApproved_EndsBeforeAnyAnnouncement()
    {
        var script = new OrchestrationScript().Decides(3, ReviewOutcome.Approved).Withdraws(6).Announces(9);

        Assert.Equal("withdrawn", script.Run());

        Assert.Equal(
            [
                NotificationKind.Acknowledgement,
                NotificationKind.NewApplication,
                NotificationKind.Approved,
                NotificationKind.Withdrawn,
            ],
            script.Sent
        );
        Assert.Equal(ApplicationStatus.Withdrawn, script.Status);
    }

    [Fact]
    public void Withdraw_WhenAnnounced_EndsAndNeverGoesLive()
    {
        var script = new OrchestrationScript().Decides(3, ReviewOutcome.Approved).Announces(9).Withdraws(20);

        Assert.Equal("withdrawn", script.Run());

        Assert.Equal(
            [
                NotificationKind.Acknowledgement,
                NotificationKind.NewApplication,
                NotificationKind.Approved,
                NotificationKind.Announced,
                NotificationKind.Withdrawn,
            ],
            script.Sent
        );
        Assert.Null(script.WentLive);
    }

    [Fact]
    public void NoDecisionForThreeWeeks_RemindsTheShaTwice_ThenTheDecisionStopsTheClock()
    {
        var script = new OrchestrationScript().Decides(25, ReviewOutcome.Approved);

        script.Run();

        Assert.Equal(
            [OrchestrationScript.Received.AddDays(14), OrchestrationScript.Received.AddDays(21)],
            script.Checkpoints.Select(c => c.At)
        );
        Assert.All(script.Checkpoints, c => Assert.False(c.IsDeadline));
        Assert.Equal(
            [
                NotificationKind.Acknowledgement,
                NotificationKind.NewApplication,
                NotificationKind.ReviewReminder,
                NotificationKind.ReviewReminder,
                NotificationKind.Approved,
            ],
            script.Sent
        );
        Assert.Equal(
            OrchestrationScript.Received.AddDays(21),
            Assert.IsType<ApplicationNotification.ReviewReminder>(script.Notifications[3]).Now
        );
    }

    [Fact]
    public void NoDecisionInFourWeeks_Escalates_ThenALateDecisionIsStillAccepted()
    {
        var script = new OrchestrationScript().Decides(33, ReviewOutcome.Approved);

        Assert.Null(script.Run());

        var deadline = Assert.Single(script.Checkpoints, c => c.IsDeadline);
        Assert.Equal(OrchestrationScript.Received.AddDays(28), deadline.At);
        Assert.Equal(
            [
                NotificationKind.Acknowledgement,
                NotificationKind.NewApplication,
                NotificationKind.ReviewReminder,
                NotificationKind.ReviewReminder,
                NotificationKind.Escalation,
                NotificationKind.Approved,
            ],
            script.Sent
        );
        Assert.Equal(ApplicationStatus.Approved, script.Status);
    }

    [Fact]
    public void Overdue_WaitsForTheDecisionWithoutAnotherTimer()
    {
        var script = new OrchestrationScript();

        Assert.Null(script.Run());

        Assert.Equal(3, script.Checkpoints.Count);
        Assert.Equal(
            new ApplicationProgress(
                "underReview",
                null,
                "decision overdue: the SHA and the national team have been told"
            ),
            script.Progress
        );
    }

    [Fact]
    public void DefaultGoLive_IsTheFirstAprilAfterTheAnnouncement_AtMidnightUkTime()
    {
        var script = new OrchestrationScript().Decides(3, ReviewOutcome.Approved).Announces(40);

        Assert.Equal("live", script.Run());

        var april = new DateOnly(2011, 4, 1);
        Assert.Equal(april, script.WentLive!.GoLive);
        // 00:00 on 1 April 2011 in the UK is 23:00 UTC the day before (British Summer Time).
        Assert.Equal(new DateTimeOffset(2011, 3, 31, 23, 0, 0, TimeSpan.Zero), script.WentLive.At);
        var announced = Assert.Single(script.Notifications.OfType<ApplicationNotification.Announced>());
        Assert.Equal(1, announced.Wave);
        Assert.Equal(april, announced.GoLive);
        Assert.Equal(NotificationKind.Live, script.Notifications[^1].Kind);
    }

    [Fact]
    public void AgreedGoLive_AfterTheAnnouncement_MovesTheDayItGoesLive()
    {
        var agreed = new DateOnly(2011, 1, 10);
        var script = new OrchestrationScript()
            .Decides(3, ReviewOutcome.Approved)
            .Announces(40)
            .AgreesGoLive(45, agreed);

        Assert.Equal("live", script.Run());

        Assert.Equal(agreed, script.WentLive!.GoLive);
        Assert.Equal(GoLive.StartsAt(agreed), script.WentLive.At);
        Assert.Equal(agreed, Assert.IsType<ApplicationNotification.Live>(script.Notifications[^1]).GoLive);
    }

    [Fact]
    public void AgreedGoLive_BeforeTheAnnouncement_IsTheDateItGoesLive()
    {
        var agreed = new DateOnly(2011, 2, 1);
        var script = new OrchestrationScript().Decides(3, ReviewOutcome.Approved).AgreesGoLive(4, agreed).Announces(40);

        Assert.Equal("live", script.Run());

        Assert.Equal(agreed, script.WentLive!.GoLive);
    }

    [Fact]
    public void CommandAcceptedBeforeTheOrchestrationWaited_IsAppliedAtOnce()
    {
        var script = new OrchestrationScript().AcceptedBeforeStart(ReviewOutcome.Approved);

        script.Run();

        Assert.Equal(ApplicationStatus.Approved, script.Status);
        Assert.Equal(OrchestrationScript.Received, script.Now);
        Assert.Empty(script.Checkpoints);
        Assert.Equal(NotificationKind.Approved, script.Notifications[^1].Kind);
    }

    [Fact]
    public void EveryNotification_HasItsOwnStep_SoTheOutboxSendsEachOnce()
    {
        var script = new OrchestrationScript().Decides(30, ReviewOutcome.Approved).Announces(40);

        script.Run();

        Assert.Equal(Enumerable.Range(1, script.Notifications.Count), script.Notifications.Select(n => n.Step));
    }
}
