using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>Whole lives of applications, through the API, with the clock moved as the programme would move.</summary>
public sealed class LifecycleTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Approved_AnnouncedInItsWave_GoesLiveOnTheFirstOfApril()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid());
        var reviewer = _app.Reviewer("Q35");

        var underReview = await reviewer.GetFromJsonAsync<JsonObject>($"/api/applications/{id}");
        Assert.Equal("underReview", underReview!["status"]!.GetValue<string>());
        Assert.Equal("2010-11-29T09:00:00+00:00", underReview["reviewDeadline"]!.GetValue<DateTimeOffset>().ToString("yyyy-MM-ddTHH:mm:sszzz"));

        var decided = await reviewer.PostAsJsonAsync($"/api/applications/{id}/decision", Forms.Decision("approved"));
        Assert.Equal(HttpStatusCode.OK, decided.StatusCode);
        var again = await reviewer.PostAsJsonAsync($"/api/applications/{id}/decision", Forms.Decision("approved"));
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);

        var national = _app.National();
        var wave = await national.PostAsJsonAsync("/api/waves", new { announceAt = "2010-12-14T10:00:00Z", cutoff = "2010-12-10T17:00:00Z" });
        Assert.Equal(HttpStatusCode.Created, wave.StatusCode);
        await _app.AdvanceAsync(TimeSpan.FromDays(44));

        var announced = await reviewer.GetFromJsonAsync<JsonObject>($"/api/applications/{id}");
        Assert.Equal("announced", announced!["status"]!.GetValue<string>());
        Assert.Equal(1, announced["wave"]!.GetValue<int>());
        Assert.Equal("2011-04-01", announced["goLive"]!.GetValue<string>());

        // 1 April 2011 00:00 BST is 31 March 23:00 UTC.
        _app.Clock.SetUtcNow(new DateTimeOffset(2011, 3, 31, 22, 59, 0, TimeSpan.Zero));
        await _app.TickAsync();
        Assert.Equal("announced", (await reviewer.GetFromJsonAsync<JsonObject>($"/api/applications/{id}"))!["status"]!.GetValue<string>());
        await _app.AdvanceAsync(TimeSpan.FromMinutes(1));
        var live = await reviewer.GetFromJsonAsync<JsonObject>($"/api/applications/{id}");
        Assert.Equal("live", live!["status"]!.GetValue<string>());

        var directory = await _app.CreateClient().GetFromJsonAsync<JsonArray>("/api/pathfinders");
        Assert.Contains(directory!, p => p!["id"]!.GetValue<string>() == id && p["status"]!.GetValue<string>() == "live");
        var mail = string.Join("\n", _app.Mail());
        Assert.Contains(id, mail, StringComparison.Ordinal);
    }
}
