using System.Globalization;
using System.Net;
using Pathfinder.Domain;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>What the API allows once a pathfinder is announced or live.</summary>
public sealed class AnnouncedApplicationTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    [Fact]
    public async Task GoLive_BeforeTheAnnouncement_IsRefusedOnceAnnounced()
    {
        var id = await AnnouncedAsync("Ely Consortium");

        using var response = await app.Reviewer("Q35").SetGoLiveAsync(id, Iso(Today.AddDays(-1)));

        Assert.Equal(["date"], (await response.ErrorsAsync()).Keys);
        Assert.Equal(
            Iso(GoLive.DefaultDate(DateTimeOffset.UtcNow)),
            (await app.Reviewer("Q35").ApplicationAsync(id))["goLive"]!.GetValue<string>()
        );
    }

    [Fact]
    public async Task GoLive_OnOrAfterTheAnnouncement_MovesTheDateOnceAnnounced()
    {
        var id = await AnnouncedAsync("March Consortium");
        var agreed = Iso(Today.AddDays(40));

        using var response = await app.Reviewer("Q35").SetGoLiveAsync(id, agreed);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await app.Reviewer("Q35").EventuallyAsync(id, v => v["goLive"]?.GetValue<string>() == agreed);
    }

    [Fact]
    public async Task Withdrawal_AfterLive_Is409()
    {
        var id = await LiveAsync("Wisbech Consortium");

        using var response = await app.Reviewer("Q35").WithdrawAsync(id);

        await response.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal("live", await app.Reviewer("Q35").StatusOfAsync(id));
    }

    [Fact]
    public async Task GoLive_AfterLive_Is409()
    {
        var id = await LiveAsync("Chatteris Consortium");

        using var response = await app.Reviewer("Q35").SetGoLiveAsync(id, Iso(Today.AddDays(30)));

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    /// <summary>Announced, with go-live agreed for today: it goes live at once (00:00 UK time has passed).</summary>
    private async Task<string> LiveAsync(string consortium)
    {
        var id = await AnnouncedAsync(consortium);
        using var response = await app.Reviewer("Q35").SetGoLiveAsync(id, Iso(Today));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await app.Reviewer("Q35").WaitForStatusAsync(id, "live");
        return id;
    }

    /// <summary>An application approved now and announced at once in a wave of its own.</summary>
    private async Task<string> AnnouncedAsync(string consortium)
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", consortium));
        await app.Reviewer("Q35").ApproveAsync(id);
        var now = DateTimeOffset.UtcNow;
        var wave = await app.National().ScheduleWaveAsync(now.AddDays(30), now.AddDays(20));
        using var announced = await app.National().AnnounceAsync(wave["number"]!.GetValue<int>());
        Assert.Equal(HttpStatusCode.Accepted, announced.StatusCode);
        await app.Reviewer("Q35").WaitForStatusAsync(id, "announced");
        return id;
    }
}
