using System.Net;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>What the API allows once a pathfinder is announced or live.</summary>
public sealed class AnnouncedApplicationTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task GoLive_BeforeTheAnnouncement_IsRefusedOnceAnnounced()
    {
        var id = await AnnouncedAsync();

        using var response = await _app.Reviewer("Q35").SetGoLiveAsync(id, "2010-10-31");

        Assert.Equal(["date"], (await response.ErrorsAsync()).Keys);
        Assert.Equal("2011-04-01", (await _app.Reviewer("Q35").ApplicationAsync(id))["goLive"]!.GetValue<string>());
    }

    [Fact]
    public async Task GoLive_OnOrAfterTheAnnouncement_MovesTheDateOnceAnnounced()
    {
        var id = await AnnouncedAsync();

        using var response = await _app.Reviewer("Q35").SetGoLiveAsync(id, "2011-01-10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("2011-01-10", (await _app.Reviewer("Q35").ApplicationAsync(id))["goLive"]!.GetValue<string>());
    }

    [Fact]
    public async Task Withdrawal_AfterLive_Is409()
    {
        var id = await AnnouncedAsync();
        (await _app.Reviewer("Q35").SetGoLiveAsync(id, "2010-12-01")).Dispose();
        _app.Clock.SetUtcNow(new DateTimeOffset(2010, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await _app.TickAsync();
        Assert.Equal("live", await _app.Reviewer("Q35").StatusOfAsync(id));

        using var response = await _app.Reviewer("Q35").WithdrawAsync(id);

        await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("live", await _app.Reviewer("Q35").StatusOfAsync(id));
    }

    [Fact]
    public async Task GoLive_AfterLive_Is409()
    {
        var id = await AnnouncedAsync();
        (await _app.Reviewer("Q35").SetGoLiveAsync(id, "2010-12-01")).Dispose();
        _app.Clock.SetUtcNow(new DateTimeOffset(2010, 12, 1, 0, 0, 0, TimeSpan.Zero));
        await _app.TickAsync();

        using var response = await _app.Reviewer("Q35").SetGoLiveAsync(id, "2011-04-01");

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    /// <summary>An application approved on 1 November and announced at once in wave 1.</summary>
    private async Task<string> AnnouncedAsync()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        await _app.Reviewer("Q35").ApproveAsync(id);
        var now = _app.Clock.GetUtcNow();
        await _app.National().ScheduleWaveAsync(now.AddDays(30), now.AddDays(20));
        _app.Clock.Advance(TimeSpan.FromHours(1));
        using var announced = await _app.National().AnnounceAsync(1);
        Assert.Equal(HttpStatusCode.OK, announced.StatusCode);
        Assert.Equal("announced", await _app.Reviewer("Q35").StatusOfAsync(id));
        return id;
    }
}
