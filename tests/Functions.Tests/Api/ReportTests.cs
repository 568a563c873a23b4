using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>Coverage and support needs for staff, and the public directory of pathfinders.</summary>
public sealed class ReportTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Theory]
    [InlineData("/api/reports/coverage")]
    [InlineData("/api/reports/support-needs")]
    public async Task Reports_WithoutToken_Are401(string route)
    {
        using var response = await _app.CreateClient().GetAsync(new Uri(route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Theory]
    [InlineData("/api/reports/coverage")]
    [InlineData("/api/reports/support-needs")]
    public async Task Reports_ForSignedInNonStaff_Are403(string route)
    {
        using var response = await _app.SignedInWithoutRole().GetAsync(new Uri(route, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Coverage_CountsAnnouncedPathfindersByShaAndEngland()
    {
        await ProgrammeAsync();

        var report = (await _app.Reviewer("Q36").GetFromJsonAsync<JsonObject>("/api/reports/coverage"))!;

        var eastOfEngland = report["shas"]!.AsArray().Single(s => s!["code"]!.GetValue<string>() == "Q35")!;
        Assert.Equal(1, eastOfEngland["pathfinders"]!.GetValue<int>());
        Assert.Equal(25_500, eastOfEngland["registeredPopulation"]!.GetValue<long>());
        Assert.Equal(5_800_000, eastOfEngland["population"]!.GetValue<long>());
        Assert.Equal(0.4m, eastOfEngland["sharePercent"]!.GetValue<decimal>());
        var london = report["shas"]!.AsArray().Single(s => s!["code"]!.GetValue<string>() == "Q36")!;
        Assert.Equal(0, london["pathfinders"]!.GetValue<int>());
        var england = report["england"]!;
        Assert.Equal(1, england["pathfinders"]!.GetValue<int>());
        Assert.Equal(25_500, england["registeredPopulation"]!.GetValue<long>());
        Assert.Equal(52_100_000, england["population"]!.GetValue<long>());
    }

    [Fact]
    public async Task SupportNeeds_CountsEveryApplicationBySha()
    {
        await ProgrammeAsync();

        var report = (await _app.National().GetFromJsonAsync<JsonObject>("/api/reports/support-needs"))!;

        var eastOfEngland = report["shas"]!.AsArray().Single(s => s!["sha"]!["code"]!.GetValue<string>() == "Q35")!;
        Assert.Equal(2, eastOfEngland["applications"]!.GetValue<int>());
        Assert.Equal(2, eastOfEngland["counts"]!["governanceModels"]!.GetValue<int>());
        Assert.Equal(0, eastOfEngland["counts"]!["supportServices"]!.GetValue<int>());
        Assert.Equal(3, report["england"]!["clinicalAndFinancialRisk"]!.GetValue<int>());
    }

    [Fact]
    public async Task Pathfinders_IsPublicAndListsOnlyAnnouncedAndLive()
    {
        var (announced, approved, underReview) = await ProgrammeAsync();

        var directory = (await _app.CreateClient().GetFromJsonAsync<JsonArray>("/api/pathfinders"))!;

        var entry = Assert.Single(directory)!;
        Assert.Equal(announced, entry["id"]!.GetValue<string>());
        Assert.Equal("announced", entry["status"]!.GetValue<string>());
        Assert.Equal(1, entry["wave"]!.GetValue<int>());
        Assert.Equal(
            Domain
                .GoLive.DefaultDate(DateTimeOffset.UtcNow)
                .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            entry["goLive"]!.GetValue<string>()
        );
        Assert.Equal("East of England", entry["sha"]!["name"]!.GetValue<string>());
        Assert.Equal(
            ["urgent care", "long-term conditions"],
            entry["areasOfWork"]!.AsArray().Select(a => a!.GetValue<string>())
        );
        Assert.DoesNotContain(approved, directory.Ids());
        Assert.DoesNotContain(underReview, directory.Ids());
    }

    /// <summary>
    /// One pathfinder announced in Q35 (3 practices of 8,500), one approved after the cutoff in Q35, one under
    /// review in Q31. The wave is scheduled once the first is approved, with its cutoff at that moment, so the second
    /// approval is after the cutoff however long each step takes.
    /// </summary>
    private async Task<(string Announced, string Approved, string UnderReview)> ProgrammeAsync()
    {
        var announced = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Health Consortium"));
        await _app.Reviewer("Q35").ApproveAsync(announced);
        var cutoff = DateTimeOffset.UtcNow;
        var wave = await _app.National().ScheduleWaveAsync(cutoff.AddDays(10), cutoff);
        var approvedLater = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Ely Consortium"));
        // Approved after the cutoff, so it waits for a later wave.
        await _app.Reviewer("Q35").ApproveAsync(approvedLater);
        var underReview = await _app.Intake().SubmitAsync(Forms.Valid("Q31", "Wirral Consortium"));
        (await _app.National().AnnounceAsync(wave["number"]!.GetValue<int>())).Dispose();
        await _app.National().WaitForStatusAsync(announced, "announced");
        return (announced, approvedLater, underReview);
    }
}
