using System.Net;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>
/// The process stops in the middle of each wait and a new one starts on the same tables and task hub: the
/// timers and events still arrive, because everything the orchestration waits for is in Table Storage.
/// </summary>
public sealed class RestartTests : IDisposable
{
    private PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task RestartDuringReview_ReminderStillFires()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q31"));
        await _app.AdvanceAsync(TimeSpan.FromDays(3));

        Restart();
        await _app.AdvanceAsync(TimeSpan.FromDays(11));

        var reminder = Assert.Single(_app.About(id), m => m.Kind == "ReviewReminder");
        Assert.Equal([Mailbox.ShaReviewers("Q31")], reminder.To);
    }

    [Fact]
    public async Task RestartAfterReminders_EscalationStillFires()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q31"));
        await _app.AdvanceAsync(TimeSpan.FromDays(22));

        Restart();
        await _app.AdvanceAsync(TimeSpan.FromDays(6));

        Assert.Equal(2, _app.About(id).Count(m => m.Kind == "Escalation"));
        Assert.DoesNotContain(_app.About(id), m => m.Kind == "ReviewReminder");
        Assert.True((await _app.Reviewer("Q31").ApplicationAsync(id))["overdue"]!.GetValue<bool>());
    }

    [Fact]
    public async Task RestartDuringReview_DecisionIsStillReceived()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q31"));
        await _app.AdvanceAsync(TimeSpan.FromDays(3));

        Restart();
        await _app.Reviewer("Q31").ApproveAsync(id);

        Assert.Single(_app.About(id), m => m.Kind == "Approved");
        await _app.AdvanceAsync(TimeSpan.FromDays(30));
        Assert.DoesNotContain(_app.About(id), m => m.Kind is "ReviewReminder" or "Escalation");
    }

    [Fact]
    public async Task RestartWhileWaitingForTheWave_AnnouncementStillHappens()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q31"));
        await _app.Reviewer("Q31").ApproveAsync(id);
        var now = _app.Clock.GetUtcNow();
        await _app.National().ScheduleWaveAsync(now.AddDays(20), now.AddDays(10));

        Restart();
        await _app.AdvanceAsync(TimeSpan.FromDays(20));

        var view = await _app.Reviewer("Q31").ApplicationAsync(id);
        Assert.Equal("announced", view["status"]!.GetValue<string>());
        Assert.Equal(1, view["wave"]!.GetValue<int>());
        Assert.Single(_app.About(id), m => m.Kind == "Announced");
    }

    [Fact]
    public async Task RestartWhileWaitingForGoLive_StillGoesLive()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q31"));
        await _app.Reviewer("Q31").ApproveAsync(id);
        var now = _app.Clock.GetUtcNow();
        await _app.National().ScheduleWaveAsync(now.AddDays(20), now.AddDays(10));
        await _app.AdvanceAsync(TimeSpan.FromDays(20));
        using (var agreed = await _app.Reviewer("Q31").SetGoLiveAsync(id, "2011-01-10"))
        {
            Assert.Equal(HttpStatusCode.OK, agreed.StatusCode);
        }

        Restart();
        _app.Clock.SetUtcNow(new DateTimeOffset(2011, 1, 10, 0, 0, 0, TimeSpan.Zero));
        await _app.TickAsync();

        Assert.Equal("live", await _app.Reviewer("Q31").StatusOfAsync(id));
        Assert.Contains(_app.About(id), m => m.Kind == "Live" && m.IsTo(Mailbox.Applicant));
    }

    [Fact]
    public async Task RestartWhileDown_OverdueTimersFireAtTheFirstTick()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q31"));

        // Down for five weeks: the first tick after the restart catches up on both reminders and the deadline.
        Restart();
        await _app.AdvanceAsync(TimeSpan.FromDays(35));

        Assert.Equal(2, _app.About(id).Count(m => m.Kind == "ReviewReminder"));
        Assert.Equal(2, _app.About(id).Count(m => m.Kind == "Escalation"));
    }

    private void Restart()
    {
        var next = _app.Restarted();
        _app.Dispose();
        _app = next;
    }
}
