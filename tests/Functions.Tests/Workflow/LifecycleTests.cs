using System.Globalization;
using System.Net;
using Pathfinder.Domain;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>
/// Whole workflows on the real Durable backend (Azure Storage on Azurite), with the programme's periods shortened
/// to seconds: what a reviewer, an applicant and the national team see, end to end.
/// </summary>
public sealed class LifecycleTests : IDisposable
{
    // Seconds instead of weeks, so a whole review window passes within a test.
    private readonly PathfinderApp _app = PathfinderApp.With(
        ("Programme:ReviewPeriod", "00:00:06"),
        ("Programme:ReminderOffsets:0", "00:00:02"),
        ("Programme:ReminderOffsets:1", "00:00:04"));

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Lifecycle_RemindersEscalationLateApprovalWaveAndGoLive_EachToldOnce()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Lifecycle Consortium"));
        var reviewer = _app.Reviewer("Q35");

        var overdue = await reviewer.EventuallyAsync(id, v => v["overdue"]!.GetValue<bool>() &&
            v["timeline"]!.AsArray().Count(t => t!["what"]!.GetValue<string>().StartsWith("Four-week", StringComparison.Ordinal)) == 1);
        Assert.Equal(2, overdue["timeline"]!.AsArray().Count(t => t!["what"]!.GetValue<string>().StartsWith("Reminder", StringComparison.Ordinal)));
        await reviewer.ApproveAsync(id);
        var now = DateTimeOffset.UtcNow;
        var wave = await _app.National().ScheduleWaveAsync(now.AddDays(7), now.AddDays(1));
        (await _app.National().AnnounceAsync(wave["number"]!.GetValue<int>())).Dispose();
        await reviewer.WaitForStatusAsync(id, "announced");
        var today = UkTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        using (var goLive = await reviewer.SetGoLiveAsync(id, today))
        {
            Assert.Equal(HttpStatusCode.Accepted, goLive.StatusCode);
        }
        var live = await reviewer.WaitForStatusAsync(id, "live");

        Assert.False(live["overdue"]!.GetValue<bool>());
        Assert.Equal(today, live["goLive"]!.GetValue<string>());
        var expected = new[] { "Acknowledgement", "Announced", "Approved", "Escalation", "Live", "NewApplication", "ReviewReminder" };
        var kinds = await EventuallyAsync(() => _app.KindsAbout(id).Distinct().ToList(), k => k.Count == expected.Length);
        Assert.Equal(expected, kinds);
        // The applicant hears each thing once; the national team hears of the escalation.
        var toApplicant = _app.About(id).Where(m => m.IsTo(Mailbox.Applicant)).Select(m => m.Kind).ToList();
        Assert.Equal(toApplicant.Distinct(), toApplicant);
        Assert.Contains(_app.About(id), m => m.Kind == "Escalation" && m.IsTo(Mailbox.NationalTeam));
        Assert.Equal(2, _app.About(id).Count(m => m.Kind == "ReviewReminder"));
    }

    [Fact]
    public async Task Withdrawal_BeforeTheDeadline_StopsRemindersAndEscalation()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q36", "Camden Withdrawn Consortium"));

        (await _app.Reviewer("Q36").WithdrawAsync(id, "the practices will apply next year")).Dispose();
        await _app.Reviewer("Q36").WaitForStatusAsync(id, "withdrawn");
        // Past the whole review window: nothing more may happen to a withdrawn application.
        await Task.Delay(TimeSpan.FromSeconds(7));

        var view = await _app.Reviewer("Q36").ApplicationAsync(id);
        Assert.False(view["overdue"]!.GetValue<bool>());
        Assert.DoesNotContain(_app.KindsAbout(id), k => k is "ReviewReminder" or "Escalation");
        Assert.Contains("Withdrawn", _app.KindsAbout(id));
    }

    private static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> until)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(30);
        T value;
        while (!until(value = read()))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The expected state was not reached within 30 s.");
            await Task.Delay(100);
        }
        return value;
    }
}
