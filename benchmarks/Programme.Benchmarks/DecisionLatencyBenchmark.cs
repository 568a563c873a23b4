using System.Diagnostics;
using Pathfinder.Domain;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// From a decision's 202 to the application showing it: N applications submitted (not timed), then decided one every
/// 250 ms, and the last 6 one a minute, each watched until its read model says approved.
/// </summary>
internal static class DecisionLatencyBenchmark
{
    public static async Task RunAsync(int count)
    {
        await using var host = await BenchHost.StartAsync();
        Console.WriteLine($"Decisions: {count} decisions; time from the 202 to the application showing it");
        using var intake = TestTokens.Intake(host.Address);
        var ids = new string[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) => ids[i] = await host.SubmitAsync(intake, "decide", i)
        );
        // Let the submissions' own work finish, so the decisions meet an idle worker as a reviewer's usually do.
        await Task.Delay(TimeSpan.FromSeconds(10));

        // Busy: one decision every 250 ms keeps the worker polling fast.
        await MeasureAsync(host, ids[..^6], TimeSpan.FromMilliseconds(250), "one every 250 ms");
        // Quiet: a decision a minute meets a worker whose queue polling has backed off, as a reviewer's usually does.
        await MeasureAsync(host, ids[^6..], TimeSpan.FromSeconds(60), "one a minute    ");
    }

    private static async Task MeasureAsync(BenchHost host, string[] ids, TimeSpan apart, string name)
    {
        var latencies = new List<double>();
        var watches = ids.Select(
            async (id, i) =>
            {
                await Task.Delay(apart * i);
                await host.ApproveAsync(id);
                var watch = Stopwatch.StartNew();
                await host.UntilAsync(id, r => r.Status == ApplicationStatus.Approved);
                lock (latencies)
                {
                    latencies.Add(watch.Elapsed.TotalSeconds);
                }
            }
        );
        await Task.WhenAll(watches);
        latencies.Sort();
        Console.WriteLine(
            $"  {name}: 202 to shown p50 {LatencyRecorder.Percentile(latencies, 50):F2} s, p95 "
                + $"{LatencyRecorder.Percentile(latencies, 95):F2} s, "
                + $"max {latencies[^1]:F2} s ({latencies.Count} decisions; target p95 of 2 s or less)"
        );
    }
}
