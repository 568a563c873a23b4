using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Applications;

/// <summary>
/// Version 2 of the application's orchestration adds one step: the lead GP is told what go-live means 14 days before
/// it. Version 1 instances, and those started before versioning (empty version), behave exactly as before.
/// </summary>
public sealed class GoLiveNoticeVersionTests
{
    private static readonly DateOnly April = new(2011, 4, 1);

    [Fact]
    public void Version2_Announced_TellsTheLeadGpFourteenDaysBeforeGoLive_Once()
    {
        var script = new OrchestrationScript("2").Decides(3, ReviewOutcome.Approved).Announces(40);

        Assert.Equal("live", script.Run());

        Assert.Equal(
            [
                NotificationKind.Acknowledgement,
                NotificationKind.NewApplication,
                NotificationKind.Approved,
                NotificationKind.Announced,
                NotificationKind.GoLiveNotice,
                NotificationKind.Live,
            ],
            script.Sent
        );
        var notice = script.Notifications.FindIndex(n => n.Kind == NotificationKind.GoLiveNotice);
        Assert.Equal(GoLive.StartsAt(April).AddDays(-14), script.SentAt[notice]);
        Assert.Equal(April, Assert.IsType<ApplicationNotification.GoLiveNotice>(script.Notifications[notice]).GoLive);
        Assert.Equal(Enumerable.Range(1, script.Notifications.Count), script.Notifications.Select(n => n.Step));
    }

    [Theory]
    [InlineData("1")]
    [InlineData("")]
    public void Version1AndUnversioned_SameLife_NoGoLiveNotice(string version)
    {
        var script = new OrchestrationScript(version).Decides(3, ReviewOutcome.Approved).Announces(40);

        Assert.Equal("live", script.Run());

        Assert.Equal(
            [
                NotificationKind.Acknowledgement,
                NotificationKind.NewApplication,
                NotificationKind.Approved,
                NotificationKind.Announced,
                NotificationKind.Live,
            ],
            script.Sent
        );
        Assert.Equal(GoLive.StartsAt(April), script.WentLive!.At);
    }

    [Fact]
    public void Version2_GoLiveLessThanFourteenDaysAfterTheAnnouncement_NoNotice()
    {
        // Announced on 11 December 2010, going live ten days later.
        var soon = new DateOnly(2010, 12, 21);
        var script = new OrchestrationScript("2")
            .Decides(3, ReviewOutcome.Approved)
            .AgreesGoLive(4, soon)
            .Announces(40);

        Assert.Equal("live", script.Run());

        Assert.DoesNotContain(NotificationKind.GoLiveNotice, script.Sent);
        Assert.Equal(soon, script.WentLive!.GoLive);
    }

    [Fact]
    public void Version2_GoLiveExactlyFourteenDaysAfterTheAnnouncement_NoticeAtTheAnnouncement()
    {
        var script = new OrchestrationScript("2").Decides(3, ReviewOutcome.Approved);
        var announcedAt = GoLive.StartsAt(new DateOnly(2010, 12, 25)).AddDays(-14);
        script
            .AgreesGoLive(4, new DateOnly(2010, 12, 25))
            .Announces((announcedAt - OrchestrationScript.Received).TotalDays);

        script.Run();

        var notice = script.Notifications.FindIndex(n => n.Kind == NotificationKind.GoLiveNotice);
        Assert.Equal(announcedAt, script.SentAt[notice]);
    }

    [Fact]
    public void Version2_WithdrawnBeforeTheNotice_NoNotice()
    {
        var script = new OrchestrationScript("2").Decides(3, ReviewOutcome.Approved).Announces(40).Withdraws(60);

        Assert.Equal("withdrawn", script.Run());

        Assert.DoesNotContain(NotificationKind.GoLiveNotice, script.Sent);
    }

    [Fact]
    public void Version2_GoLiveMovedLaterAfterTheAnnouncement_NoticeFollowsTheNewDate()
    {
        var later = new DateOnly(2011, 5, 3);
        var script = new OrchestrationScript("2")
            .Decides(3, ReviewOutcome.Approved)
            .Announces(40)
            .AgreesGoLive(50, later);

        script.Run();

        var notice = Assert.Single(script.Notifications.OfType<ApplicationNotification.GoLiveNotice>());
        Assert.Equal(later, notice.GoLive);
        Assert.Equal(GoLive.StartsAt(later).AddDays(-14), script.SentAt[script.Notifications.IndexOf(notice)]);
    }
}
