using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Json;
using Pathfinder.Domain;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// Azure Storage transactions of the app (every request it sends to storage: the Durable backend's queues, tables and
/// leases, and the app's read model, outbox and archive): per application lifecycle (submitted, approved, announced,
/// live) net of idle polling, and per hour while idle, on the defaults and on host.json's settings. The app reaches
/// Azurite through a proxy that counts its requests (<see cref="FaultyStorage"/>, failing none); the benchmark's own
/// reads, watching each application, go to Azurite directly and are not counted.
/// </summary>
internal static class StorageBenchmark
{
    public static async Task RunAsync(int count)
    {
        Console.WriteLine($"Storage transactions: {count} whole lifecycles, then 60 s idle, per setting");
        foreach (var (name, settings) in new[] { ("defaults", BenchHost.DurableDefaults), ("host.json", null) })
        {
            await using var requests = await FaultyStorage.StartAsync(failureShare: 0);
            await using var host = await BenchHost.StartAsync(
                new Dictionary<string, string?>(settings ?? new Dictionary<string, string?>())
                {
                    ["AzureWebJobsStorage"] = requests.ConnectionString,
                }
            );
            // Start-up work (creating the hub, taking leases) is not the lifecycle's.
            await Task.Delay(TimeSpan.FromSeconds(10));
            var idle = await IdleRateAsync(requests, TimeSpan.FromSeconds(60));

            var before = requests.Requests;
            var watch = Stopwatch.StartNew();
            await LifecyclesAsync(host, count);
            var during = requests.Requests - before - idle * watch.Elapsed.TotalSeconds;
            Console.WriteLine(
                $"  {name, -9}: {during / count:F0} per lifecycle; {idle * 3600:F0} per hour idle "
                    + $"({idle:F2}/s over 60 s)"
            );
        }
    }

    private static async Task<double> IdleRateAsync(FaultyStorage requests, TimeSpan over)
    {
        var start = requests.Requests;
        await Task.Delay(over);
        return (requests.Requests - start) / over.TotalSeconds;
    }

    /// <summary>Each application submitted, approved, announced in one wave, and live from today.</summary>
    private static async Task LifecyclesAsync(BenchHost host, int count)
    {
        using var intake = TestTokens.Intake(host.Address);
        var ids = new string[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) =>
            {
                ids[i] = await host.SubmitAsync(intake, "storage", i);
                await host.ApproveAsync(ids[i]);
                await host.UntilAsync(ids[i], r => r.Status == ApplicationStatus.Approved);
            }
        );
        using var national = TestTokens.National(host.Address);
        var now = DateTimeOffset.UtcNow;
        (
            await national.PostAsJsonAsync("/api/waves", new { announceAt = now.AddDays(7), cutoff = now.AddDays(1) })
        ).EnsureSuccessStatusCode();
        (
            await national.PostAsync(new Uri("/api/waves/1/announcement", UriKind.Relative), null)
        ).EnsureSuccessStatusCode();
        var today = UkTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            await host.UntilAsync(id, r => r.Status == ApplicationStatus.Announced);
            using var reviewer = TestTokens.Reviewer(host.Address, id[..3]);
            (
                await reviewer.PutAsJsonAsync(
                    $"/api/applications/{id}/go-live",
                    new { date = today },
                    CancellationToken.None
                )
            ).EnsureSuccessStatusCode();
            await host.UntilAsync(id, r => r.Status == ApplicationStatus.Live);
        });
    }
}
