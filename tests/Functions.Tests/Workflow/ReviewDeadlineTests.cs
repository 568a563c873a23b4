using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>The four-week review window: reminders at day 14 and 21, escalation at day 28, late decisions.</summary>
public sealed class ReviewDeadlineTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task UnderReview_IsRemindedAtDay14And21_ToTheShaReviewers()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q32"));

        await _app.AdvanceAsync(TimeSpan.FromDays(14) - TimeSpan.FromMinutes(1));
        Assert.DoesNotContain(_app.About(id), m => m.Kind == "ReviewReminder");
        await _app.AdvanceAsync(TimeSpan.FromMinutes(1));
        var first = Assert.Single(_app.About(id), m => m.Kind == "ReviewReminder");
        await _app.AdvanceAsync(TimeSpan.FromDays(7));

        var reminders = _app.About(id).Where(m => m.Kind == "ReviewReminder").ToList();
        Assert.Equal(2, reminders.Count);
        Assert.All(reminders, r => Assert.Equal([Mailbox.ShaReviewers("Q32")], r.To));
        Assert.StartsWith("Reminder: decision due in 14 days", first.Subject, StringComparison.Ordinal);
        Assert.StartsWith("Reminder: decision due in 7 days", reminders[1].Subject, StringComparison.Ordinal);
        var view = await _app.Reviewer("Q32").ApplicationAsync(id);
        var reminded = Timeline(view).Where(t => t.What.StartsWith("Reminder sent", StringComparison.Ordinal)).ToList();
        Assert.Equal([new DateTimeOffset(2010, 11, 15, 9, 0, 0, TimeSpan.Zero), new DateTimeOffset(2010, 11, 22, 9, 0, 0, TimeSpan.Zero)],
            reminded.Select(t => t.At));
        Assert.All(reminded, t => Assert.Equal("programme", t.By));
        Assert.False(view["overdue"]!.GetValue<bool>());
        Assert.DoesNotContain(_app.About(id), m => m.Kind == "Escalation");
    }

    [Fact]
    public async Task Undecided_AtDay28_IsEscalatedAndOverdue_ThenLateDecisionIsAcceptedAndClearsOverdue()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q32"));

        await _app.AdvanceAsync(TimeSpan.FromDays(28));

        var escalations = _app.About(id).Where(m => m.Kind == "Escalation").ToList();
        Assert.Equal([Mailbox.NationalTeam, Mailbox.ShaReviewers("Q32")],
            escalations.SelectMany(m => m.To).Order(StringComparer.Ordinal));
        Assert.All(escalations, m => Assert.StartsWith("Decision overdue", m.Subject, StringComparison.Ordinal));
        var overdue = await _app.Reviewer("Q32").ApplicationAsync(id);
        Assert.True(overdue["overdue"]!.GetValue<bool>());
        Assert.Contains(Timeline(overdue), t => t.What.StartsWith("Four-week deadline passed", StringComparison.Ordinal));
        var listed = (await _app.National().GetFromJsonAsync<JsonArray>("/api/applications?status=underReview"))!;
        Assert.True(listed.Single(a => a!["id"]!.GetValue<string>() == id)!["overdue"]!.GetValue<bool>());

        await _app.AdvanceAsync(TimeSpan.FromDays(3));
        await _app.Reviewer("Q32").ApproveAsync(id);

        var decided = await _app.Reviewer("Q32").ApplicationAsync(id);
        Assert.Equal("approved", decided["status"]!.GetValue<string>());
        Assert.False(decided["overdue"]!.GetValue<bool>());
        Assert.Single(_app.About(id), m => m.Kind == "Approved");
        Assert.Equal(2, _app.About(id).Count(m => m.Kind == "Escalation"));
    }

    [Fact]
    public async Task ReceivedInSummerTime_DeadlineKeepsTheUkClockTimeAfterTheClocksGoBack()
    {
        // 10:00 BST on 20 October 2010; the clocks went back on 31 October.
        using var app = PathfinderApp.StartingAt(new DateTimeOffset(2010, 10, 20, 9, 0, 0, TimeSpan.Zero));
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q32"));
        var deadline = new DateTimeOffset(2010, 11, 17, 10, 0, 0, TimeSpan.Zero);

        var view = await app.Reviewer("Q32").ApplicationAsync(id);

        Assert.Equal(deadline, view["reviewDeadline"]!.GetValue<DateTimeOffset>());
        app.Clock.SetUtcNow(deadline.AddSeconds(-1));
        await app.TickAsync();
        Assert.DoesNotContain(app.About(id), m => m.Kind == "Escalation");
        await app.AdvanceAsync(TimeSpan.FromSeconds(1));
        Assert.Contains(app.About(id), m => m.Kind == "Escalation");
    }

    [Fact]
    public async Task DecidedBeforeDay14_IsNeverRemindedOrEscalated()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q32"));
        await _app.AdvanceAsync(TimeSpan.FromDays(10));
        await _app.Reviewer("Q32").ApproveAsync(id);

        await _app.AdvanceAsync(TimeSpan.FromDays(30));

        Assert.DoesNotContain(_app.About(id), m => m.Kind is "ReviewReminder" or "Escalation");
        Assert.False((await _app.Reviewer("Q32").ApplicationAsync(id))["overdue"]!.GetValue<bool>());
    }

    private static IEnumerable<(DateTimeOffset At, string What, string By)> Timeline(JsonObject view) =>
        view["timeline"]!.AsArray().Select(t => (t!["at"]!.GetValue<DateTimeOffset>(), t["what"]!.GetValue<string>(),
            t["by"]!.GetValue<string>()));
}
