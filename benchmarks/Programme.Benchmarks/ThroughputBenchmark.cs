using System.Diagnostics;
using Pathfinder.Domain;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// Applications per second through their first stage (submitted, registered, acknowledged, SHA told, decided and the
/// decision applied), with 16 and with 64 in flight, on the Durable extension's default settings and on host.json's.
/// </summary>
internal static class ThroughputBenchmark
{
    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"Throughput: {count} applications from submission to approved, per setting and concurrency");
        foreach (var (name, settings) in new[] { ("defaults", BenchHost.DurableDefaults), ("host.json", null) })
        {
            foreach (var inFlight in new[] { 16, 64 })
            {
                await using var host = await BenchHost.StartAsync(settings);
                using var intake = TestTokens.Intake(host.Address);
                var watch = Stopwatch.StartNew();
                await Parallel.ForEachAsync(
                    Enumerable.Range(0, count),
                    new ParallelOptions { MaxDegreeOfParallelism = inFlight },
                    async (i, _) =>
                    {
                        var id = await host.SubmitAsync(intake, $"t{inFlight}", i);
                        await host.ApproveAsync(id);
                        await host.UntilAsync(id, r => r.Status == ApplicationStatus.Approved);
                    }
                );
                Console.WriteLine(
                    $"  {name, -9} {inFlight, 2} in flight: {count / watch.Elapsed.TotalSeconds:F1} applications/s "
                        + $"({watch.Elapsed.TotalSeconds:F1} s)"
                );
            }
        }
    }
}
