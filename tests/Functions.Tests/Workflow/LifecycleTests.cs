using System.Globalization;
using System.Net;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Domain;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

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
        ("Programme:ReminderOffsets:1", "00:00:04")
    );

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Lifecycle_RemindersEscalationLateApprovalWaveAndGoLive_EachToldOnce()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Lifecycle Consortium"));
        var reviewer = _app.Reviewer("Q35");

        var overdue = await reviewer.EventuallyAsync(id, v =>
            v["overdue"]!.GetValue<bool>()
            && v["timeline"]!
                .AsArray()
                .Count(t =>
                    t!["what"]!.GetValue<string>().StartsWith("Review deadline passed", StringComparison.Ordinal)
                ) == 1
        );
        Assert.Equal(
            2,
            overdue["timeline"]!
                .AsArray()
                .Count(t => t!["what"]!.GetValue<string>().StartsWith("Reminder", StringComparison.Ordinal))
        );
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
        var expected = new[]
        {
            "Acknowledgement",
            "Announced",
            "Approved",
            "Escalation",
            "Live",
            "NewApplication",
            "ReviewReminder",
        };
        var kinds = await EventuallyAsync(
            () => _app.KindsAbout(id).Distinct().ToList(),
            k => k.Count == expected.Length
        );
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
        // Reminders a minute away rather than seconds: the withdrawal is applied long before the first, however
        // loaded the machine, so the test does not race real time.
        using var app = PathfinderApp.With(
            ("Programme:ReviewPeriod", "00:03:00"),
            ("Programme:ReminderOffsets:0", "00:01:00"),
            ("Programme:ReminderOffsets:1", "00:02:00")
        );
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q36", "Camden Withdrawn Consortium"));

        (await app.Reviewer("Q36").WithdrawAsync(id, "the practices will apply next year")).Dispose();
        await app.Reviewer("Q36").WaitForStatusAsync(id, "withdrawn");
        // Its orchestration has finished, and with it the timers for the reminders and the escalation: a completed
        // instance runs nothing more, so nothing more can happen to a withdrawn application.
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        await Eventually.UntilAsync(
            $"{id}'s orchestration to complete",
            TimeSpan.FromSeconds(30),
            () => durable.GetInstanceAsync(id),
            i => i?.RuntimeStatus == OrchestrationRuntimeStatus.Completed,
            i => i?.RuntimeStatus.ToString() ?? "no instance"
        );

        await Eventually.UntilAsync(
            $"the withdrawal email about {id}",
            TimeSpan.FromSeconds(30),
            () => app.KindsAbout(id),
            k => k.Contains("Withdrawn"),
            k => string.Join(", ", k)
        );
        Assert.DoesNotContain(app.KindsAbout(id), k => k is "ReviewReminder" or "Escalation");
    }

    private static Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> until) =>
        Eventually.UntilAsync("the expected emails", TimeSpan.FromSeconds(30), read, until);
}
