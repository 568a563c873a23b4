using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>Approved before a wave's cutoff joins that wave; approved after it waits for the next.</summary>
public sealed class WaveCutoffTests : IDisposable
{
    private static readonly DateTimeOffset Wave1Cutoff = new(2010, 12, 10, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Wave1Announcement = new(2010, 12, 14, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Wave2Cutoff = new(2011, 1, 14, 17, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset Wave2Announcement = new(2011, 1, 20, 10, 0, 0, TimeSpan.Zero);

    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task ApprovedBeforeCutoff_JoinsWave1_ApprovedAfter_WaitsForWave2()
    {
        var reviewer = _app.Reviewer("Q35");
        await _app.National().ScheduleWaveAsync(Wave1Announcement, Wave1Cutoff);
        await _app.National().ScheduleWaveAsync(Wave2Announcement, Wave2Cutoff);
        var early = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Health Consortium"));
        var late = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Ely Consortium"));
        _app.Clock.SetUtcNow(Wave1Cutoff.AddMinutes(-1));
        await reviewer.ApproveAsync(early);
        _app.Clock.SetUtcNow(Wave1Cutoff.AddMinutes(1));
        await reviewer.ApproveAsync(late);

        _app.Clock.SetUtcNow(Wave1Announcement);
        await _app.TickAsync();

        var first = await reviewer.ApplicationAsync(early);
        Assert.Equal("announced", first["status"]!.GetValue<string>());
        Assert.Equal(1, first["wave"]!.GetValue<int>());
        Assert.Equal(Wave1Announcement, first["announcedAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal("approved", await reviewer.StatusOfAsync(late));
        var lmcDigest = Assert.Single(_app.Sent(), m => m.Kind == "WaveDigest" && m.IsTo(Mailbox.Lmc("Q35")));
        Assert.Contains(early, lmcDigest.Text, StringComparison.Ordinal);
        Assert.DoesNotContain(late, lmcDigest.Text, StringComparison.Ordinal);
        Assert.Contains(_app.Sent(), m => m.Kind == "WaveDigest" && m.IsTo("pathfinders@rcgp.example.org.uk"));
        Assert.DoesNotContain(_app.Sent(), m => m.Kind == "WaveDigest" && m.IsTo(Mailbox.Lmc("Q36")));
        Assert.Single(_app.About(early), m => m.Kind == "Announced" && m.IsTo(Mailbox.Applicant));

        _app.Clock.SetUtcNow(Wave2Announcement);
        await _app.TickAsync();

        var second = await reviewer.ApplicationAsync(late);
        Assert.Equal("announced", second["status"]!.GetValue<string>());
        Assert.Equal(2, second["wave"]!.GetValue<int>());
        Assert.Equal(1, (await reviewer.ApplicationAsync(early))["wave"]!.GetValue<int>());
    }
}
