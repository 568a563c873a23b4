using System.Net;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>Go-live at 00:00 UK time: on 1 April after the announcement by default, or on the date the SHA agreed.</summary>
public sealed class GoLivePathTests : IDisposable
{
    private static readonly DateTimeOffset Announcement = new(2010, 12, 14, 10, 0, 0, TimeSpan.Zero);

    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Default_GoesLiveOn1AprilAt2300UtcOn31March()
    {
        var id = await AnnouncedAsync();
        Assert.Equal("2011-04-01", (await _app.Reviewer("Q35").ApplicationAsync(id))["goLive"]!.GetValue<string>());

        await AtAsync(new DateTimeOffset(2011, 3, 31, 22, 59, 59, TimeSpan.Zero));
        Assert.Equal("announced", await _app.Reviewer("Q35").StatusOfAsync(id));
        await AtAsync(new DateTimeOffset(2011, 3, 31, 23, 0, 0, TimeSpan.Zero));

        var live = await _app.Reviewer("Q35").ApplicationAsync(id);
        Assert.Equal("live", live["status"]!.GetValue<string>());
        Assert.Equal(new DateTimeOffset(2011, 3, 31, 23, 0, 0, TimeSpan.Zero), live["liveAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task AgreedInWinter_GoesLiveAtMidnightGmt()
    {
        var id = await AnnouncedAsync();
        await AgreeAsync(id, "2011-02-01");

        await AtAsync(new DateTimeOffset(2011, 1, 31, 23, 59, 59, TimeSpan.Zero));
        Assert.Equal("announced", await _app.Reviewer("Q35").StatusOfAsync(id));
        await AtAsync(new DateTimeOffset(2011, 2, 1, 0, 0, 0, TimeSpan.Zero));

        var live = await _app.Reviewer("Q35").ApplicationAsync(id);
        Assert.Equal("live", live["status"]!.GetValue<string>());
        Assert.Equal("2011-02-01", live["goLive"]!.GetValue<string>());
    }

    [Fact]
    public async Task AgreedInSummer_GoesLiveAtMidnightBst()
    {
        var id = await AnnouncedAsync();
        await AgreeAsync(id, "2011-06-01");

        // The default date has passed: the agreed one replaced it.
        await AtAsync(new DateTimeOffset(2011, 5, 31, 22, 59, 59, TimeSpan.Zero));
        Assert.Equal("announced", await _app.Reviewer("Q35").StatusOfAsync(id));
        await AtAsync(new DateTimeOffset(2011, 5, 31, 23, 0, 0, TimeSpan.Zero));

        Assert.Equal("live", await _app.Reviewer("Q35").StatusOfAsync(id));
    }

    [Fact]
    public async Task AgreedBeforeAnnouncement_IsUsedWhenAnnounced()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        await _app.Reviewer("Q35").ApproveAsync(id);
        await AgreeAsync(id, "2011-01-04");
        await _app.National().ScheduleWaveAsync(Announcement, Announcement.AddDays(-4));
        await AtAsync(Announcement);

        var announced = await _app.Reviewer("Q35").ApplicationAsync(id);
        Assert.Equal("announced", announced["status"]!.GetValue<string>());
        Assert.Equal("2011-01-04", announced["goLive"]!.GetValue<string>());
        await AtAsync(new DateTimeOffset(2011, 1, 4, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal("live", await _app.Reviewer("Q35").StatusOfAsync(id));
    }

    [Fact]
    public async Task AgreedDateThatFallsBeforeTheAnnouncement_GivesWayToTheDefault()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        await _app.Reviewer("Q35").ApproveAsync(id);
        await AgreeAsync(id, "2010-12-01");
        await _app.National().ScheduleWaveAsync(Announcement, Announcement.AddDays(-4));

        await AtAsync(Announcement);

        var announced = await _app.Reviewer("Q35").ApplicationAsync(id);
        Assert.Equal("announced", announced["status"]!.GetValue<string>());
        Assert.Equal("2011-04-01", announced["goLive"]!.GetValue<string>());
    }

    /// <summary>Approved on 1 November, announced in wave 1 on 14 December 2010.</summary>
    private async Task<string> AnnouncedAsync()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        await _app.Reviewer("Q35").ApproveAsync(id);
        await _app.National().ScheduleWaveAsync(Announcement, Announcement.AddDays(-4));
        await AtAsync(Announcement);
        Assert.Equal("announced", await _app.Reviewer("Q35").StatusOfAsync(id));
        return id;
    }

    private async Task AgreeAsync(string id, string date)
    {
        using var response = await _app.Reviewer("Q35").SetGoLiveAsync(id, date);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private async Task AtAsync(DateTimeOffset moment)
    {
        _app.Clock.SetUtcNow(moment);
        await _app.TickAsync();
    }
}
