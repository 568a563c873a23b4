using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;
using Xunit.Abstractions;

namespace Pathfinder.Functions.Tests.Demo;

/// <summary>
/// The demo (<c>./run.sh --demo</c>) tells the programme's story: within the review period and a minute and a half,
/// every national report has real figures, and no workflow is out of step. The review period here is 40 seconds
/// (run.sh's is three minutes, for people to watch).
/// </summary>
public sealed class DemoProgrammeTests(ITestOutputHelper output)
{
    private static readonly TimeSpan ReviewPeriod = TimeSpan.FromSeconds(40);

    [Fact]
    public async Task EveryReport_HasFigures_WithinTheReviewPeriodAndAMinuteAndAHalf()
    {
        var started = Stopwatch.StartNew();
        using var app = PathfinderApp.With(
            ("Demo:Load", "true"),
            ("Programme:ReviewPeriod", "00:00:40"),
            ("Programme:ReminderOffsets:0", "00:00:15"),
            ("Programme:ReminderOffsets:1", "00:00:30")
        );
        var national = app.National();

        var pipeline = await Eventually.UntilAsync(
            "every figure of the pipeline to be above zero",
            ReviewPeriod + TimeSpan.FromSeconds(90),
            async () => (await national.GetFromJsonAsync<JsonObject>("/api/reports/pipeline"))!["england"]!.AsObject(),
            // Days to decision are fractions of a day with a 40-second period, so they show as 0.0: left out here.
            england =>
                england
                    .Where(f => !f.Key.EndsWith("DaysToDecision", StringComparison.Ordinal))
                    .All(f =>
                        f.Value is null
                        || f.Value.GetValueKind() != System.Text.Json.JsonValueKind.Number
                        || f.Value.GetValue<decimal>() > 0
                    ),
            england => england.ToJsonString(),
            TimeSpan.FromSeconds(2)
        );
        output.WriteLine(
            $"every report full {started.Elapsed.TotalSeconds:F0} s after the app started: {pipeline.ToJsonString()}"
        );

        Assert.Equal(70, pipeline["received"]!.GetValue<int>());
        var rejections = (await national.GetFromJsonAsync<JsonObject>("/api/reports/rejections"))!["england"]!;
        Assert.All(rejections["criteria"]!.AsArray(), c =>
            Assert.True(c!["count"]!.GetValue<int>() > 0, c.ToJsonString())
        );
        // The seeds: "25% of the population covered" after the first wave, "over half the country" after the second.
        var waves = (await national.GetFromJsonAsync<JsonObject>("/api/reports/coverage-by-wave"))!["waves"]!.AsArray();
        Assert.Equal(2, waves.Count);
        Assert.InRange(waves[0]!["england"]!["sharePercent"]!.GetValue<decimal>(), 24m, 26m);
        Assert.True(waves[1]!["england"]!["sharePercent"]!.GetValue<decimal>() > 50m);
        var needs = (await national.GetFromJsonAsync<JsonObject>("/api/reports/support-needs"))!["england"]!.AsObject();
        Assert.All(needs, n => Assert.True(n.Value!.GetValue<int>() > 0, n.Key));
        Assert.Empty((await national.GetFromJsonAsync<JsonArray>("/api/workflows"))!);
    }
}
