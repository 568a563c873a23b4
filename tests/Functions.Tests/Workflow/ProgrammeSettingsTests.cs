using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>Programme:ReviewPeriod and Programme:ReminderOffsets shorten the window, so a lifecycle can be watched in minutes.</summary>
public sealed class ProgrammeSettingsTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public ProgrammeSettingsTests()
    {
        _app.Settings["Programme:ReviewPeriod"] = "00:10:00";
        _app.Settings["Programme:ReminderOffsets:0"] = "00:04:00";
        _app.Settings["Programme:ReminderOffsets:1"] = "00:07:00";
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ShortenedWindow_RemindsAndEscalatesWithinMinutes()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q30"));
        var received = _app.Clock.GetUtcNow();
        Assert.Equal(received.AddMinutes(10),
            (await _app.Reviewer("Q30").ApplicationAsync(id))["reviewDeadline"]!.GetValue<DateTimeOffset>());

        await _app.AdvanceAsync(TimeSpan.FromMinutes(4));
        Assert.Single(_app.About(id), m => m.Kind == "ReviewReminder");
        await _app.AdvanceAsync(TimeSpan.FromMinutes(3));
        Assert.Equal(2, _app.About(id).Count(m => m.Kind == "ReviewReminder"));
        Assert.DoesNotContain(_app.About(id), m => m.Kind == "Escalation");
        await _app.AdvanceAsync(TimeSpan.FromMinutes(3));

        Assert.Equal(2, _app.About(id).Count(m => m.Kind == "Escalation"));
        Assert.True((await _app.Reviewer("Q30").ApplicationAsync(id))["overdue"]!.GetValue<bool>());
    }
}
