using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>GET/POST /api/waves and POST /api/waves/{number}/announcement: the national team's schedule.</summary>
public sealed class WaveEndpointTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    private DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    [Fact]
    public async Task Schedule_AsNational_Is201AndListed()
    {
        using var response = await _app.National()
            .PostAsJsonAsync("/api/waves", new { announceAt = Now.AddDays(43), cutoff = Now.AddDays(39) });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        Assert.Equal("/api/waves/1", response.Headers.Location?.OriginalString);
        var wave = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal(1, wave["number"]!.GetValue<int>());
        Assert.Equal("scheduled", wave["status"]!.GetValue<string>());
        var second = await _app.National().ScheduleWaveAsync(Now.AddDays(80), Now.AddDays(70));
        Assert.Equal(2, second["number"]!.GetValue<int>());

        var list = (await _app.National().GetFromJsonAsync<JsonArray>("/api/waves"))!;
        Assert.Equal([1, 2], list.Select(w => w!["number"]!.GetValue<int>()));
        Assert.Equal(Now.AddDays(43), list[0]!["announceAt"]!.GetValue<DateTimeOffset>());
    }

    [Fact]
    public async Task Schedule_WithCutoffAfterAnnouncement_Is400NamingCutoff()
    {
        using var response = await _app.National()
            .PostAsJsonAsync("/api/waves", new { announceAt = Now.AddDays(10), cutoff = Now.AddDays(11) });

        Assert.Equal(["cutoff"], (await response.ErrorsAsync()).Keys);
    }

    [Fact]
    public async Task Schedule_InThePast_Is400NamingAnnounceAt()
    {
        using var response = await _app.National()
            .PostAsJsonAsync("/api/waves", new { announceAt = Now.AddDays(-1), cutoff = Now.AddDays(-2) });

        Assert.Equal(["announceAt"], (await response.ErrorsAsync()).Keys);
    }

    [Fact]
    public async Task Schedule_WithoutFields_Is400NamingBoth()
    {
        using var response = await _app.National().PostAsJsonAsync("/api/waves", new { });

        Assert.Equal(["announceAt", "cutoff"], (await response.ErrorsAsync()).Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task Schedule_WithMalformedTime_Is400NamingIt()
    {
        using var response = await _app.National()
            .PostAsJsonAsync("/api/waves", new { announceAt = "14 December", cutoff = Now.AddDays(2) });

        Assert.Equal(["announceAt"], (await response.ErrorsAsync()).Keys);
    }

    [Fact]
    public async Task Waves_ForReviewer_Are403()
    {
        var reviewer = _app.Reviewer("Q35");

        using var list = await reviewer.GetAsync(new Uri("/api/waves", UriKind.Relative));
        using var schedule = await reviewer.PostAsJsonAsync(
            "/api/waves",
            new { announceAt = Now.AddDays(10), cutoff = Now.AddDays(5) }
        );
        using var announce = await reviewer.AnnounceAsync(1);

        Assert.Equal(HttpStatusCode.Forbidden, list.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, schedule.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, announce.StatusCode);
        Assert.Empty((await _app.National().GetFromJsonAsync<JsonArray>("/api/waves"))!);
    }

    [Fact]
    public async Task Waves_WithoutToken_Are401()
    {
        using var response = await _app.CreateClient().GetAsync(new Uri("/api/waves", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Announce_Now_Is202AndApplicationsShowAnnounced()
    {
        var approved = await _app.Intake().SubmitAsync(Forms.Valid("Q35"));
        var undecided = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Ely Consortium"));
        await _app.Reviewer("Q35").ApproveAsync(approved);
        await _app.National().ScheduleWaveAsync(Now.AddDays(43), Now.AddDays(39));

        using var response = await _app.National().AnnounceAsync(1);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal("/api/waves/1", response.Headers.Location?.OriginalString);
        var wave = await _app.National().AnnouncedWaveAsync(1);
        Assert.Equal([approved], wave["pathfinders"]!.AsArray().Select(p => p!.GetValue<string>()));
        var view = await _app.Reviewer("Q35").WaitForStatusAsync(approved, "announced");
        Assert.Equal("announced", view["status"]!.GetValue<string>());
        Assert.Equal(1, view["wave"]!.GetValue<int>());
        Assert.Equal("underReview", await _app.Reviewer("Q35").StatusOfAsync(undecided));
    }

    [Fact]
    public async Task Announce_Twice_Is409()
    {
        await _app.National().ScheduleWaveAsync(Now.AddDays(43), Now.AddDays(39));
        (await _app.National().AnnounceAsync(1)).Dispose();
        await _app.National().AnnouncedWaveAsync(1);

        using var response = await _app.National().AnnounceAsync(1);

        await response.ProblemAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task Announce_UnknownWave_Is404()
    {
        using var response = await _app.National().AnnounceAsync(7);

        await response.ProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Schedule_LocationShowsTheNewWave()
    {
        using var response = await _app.National()
            .PostAsJsonAsync("/api/waves", new { announceAt = Now.AddDays(43), cutoff = Now.AddDays(39) });
        using var shown = await _app.National().GetAsync(response.Headers.Location);
        Assert.Equal(HttpStatusCode.OK, shown.StatusCode);
        Assert.Equal(1, (await shown.Content.ReadFromJsonAsync<JsonObject>())!["number"]!.GetValue<int>());
        using var missing = await _app.National().GetAsync("/api/waves/7");
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
    }
}
