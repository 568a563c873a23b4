using System.Diagnostics;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using Pathfinder.Durable;
using Pathfinder.Testing;
using Pathfinder.Testing.Durable;

// Runs review-style orchestrations on Azurite and prints throughput, storage requests per orchestration
// by kind, Azurite's raw rate for each kind at the same concurrency, the storage-bound rate those imply,
// and the managed heap after each round. See README "Benchmarks".
var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 1000;
const int Rounds = 2;

var azurite = Azurite.Shared;
var clock = DurableHost.NewClock();
var counter = new StorageRequestCounter();
var hub = Azurite.UniqueName("Bench");
var effects = new EffectLog();
await using var host = DurableHost.OnTables(azurite.ConnectionString, hub, clock, ReviewStyleOrchestrator.Register,
    services => services.AddSingleton(effects), counter);

await RunRound(host, clock, "warmup", 500);
Console.WriteLine($"Durable runtime benchmark: {count} review-style orchestrations per round, {Concurrency} at a time, on Azurite");
Console.WriteLine("(activity; 28-day timer racing an external event; activity; complete. Half get a decision, half time out.)");
Console.WriteLine();

var measured = new List<(double Rate, double Reads, double Singles, double Batches, long Heap)>();
for (var round = 1; round <= Rounds; round++)
{
    counter.Reset();
    var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
    var watch = Stopwatch.StartNew();
    await RunRound(host, clock, $"r{round}", count);
    watch.Stop();
    var cpuPerOrchestration = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / count;
    if (effects.Count < 2 * count)
    {
        throw new InvalidOperationException($"Only {effects.Count} activity effects for {count} orchestrations.");
    }
    effects.Clear();
    var heap = HeapAfterFullCollection();
    measured.Add((count / watch.Elapsed.TotalSeconds, (double)counter.Reads / count, (double)counter.SingleWrites / count,
        (double)counter.Batches / count, heap));
    Console.WriteLine($"round {round}: {count / watch.Elapsed.TotalSeconds,6:F1} orchestrations/s, " +
                      $"{(double)counter.Total / count:F2} storage requests each, {cpuPerOrchestration:F2} ms of engine CPU each, managed heap {heap / 1024.0 / 1024.0:F1} MiB, " +
                      $"instances held in memory by the worker: {host.Worker.InstancesInFlight}");
}

var last = measured[^1];
var raw = await RawRates(azurite.ConnectionString, hub, count);
var perOrchestration = last.Reads + last.Singles + last.Batches;
var bound = 1 / (last.Reads / raw.Reads + last.Singles / raw.Singles + last.Batches / raw.Batches);
Console.WriteLine();
Console.WriteLine($"storage requests per orchestration: {perOrchestration:F2} " +
                  $"(reads {last.Reads:F2}, single writes {last.Singles:F2}, batches {last.Batches:F2})");
Console.WriteLine($"Azurite raw rates at concurrency {Concurrency}, on this run's tables: reads {raw.Reads:F0}/s, single writes {raw.Singles:F0}/s, " +
                  $"{BatchSize}-entity batches {raw.Batches:F0}/s");
Console.WriteLine($"storage-bound rate for this mix: {bound:F1} orchestrations/s");
Console.WriteLine($"orchestrations per second: {last.Rate:F1} ({last.Rate / bound:P0} of the storage bound)");
Console.WriteLine($"managed heap after round 1: {measured[0].Heap / 1024.0 / 1024.0:F1} MiB, " +
                  $"after round {Rounds}: {last.Heap / 1024.0 / 1024.0:F1} MiB " +
                  $"({(last.Heap - measured[0].Heap) / 1024.0:F0} KiB growth for {count * (Rounds - 1)} more finished instances)");
azurite.Dispose();
return 0;

static async Task RunRound(DurableHost host, FakeTimeProvider clock, string prefix, int count)
{
    var options = new ParallelOptions { MaxDegreeOfParallelism = Concurrency };
    await Parallel.ForEachAsync(Enumerable.Range(0, count), options, async (i, token) =>
    {
        var id = $"{prefix}-{i:D5}";
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), $"consortium {i}",
            new StartOrchestrationOptions(id), token);
        if (i % 2 == 0)
        {
            await host.Client.RaiseEventAsync(id, ReviewStyleOrchestrator.DecisionEvent, "approved", token);
        }
    });
    // The undecided half reach their 28-day deadline; the tick fires their timers.
    clock.Advance(ReviewStyleOrchestrator.ReviewPeriod + TimeSpan.FromHours(1));
    await host.Worker.TickAsync();
}

static long HeapAfterFullCollection()
{
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    GC.WaitForPendingFinalizers();
    GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
    return GC.GetTotalMemory(forceFullCollection: true);
}

// Raw requests go to this run's own tables, so Azurite works on tables of the same size and shape as the
// engine's: reads are partition queries of finished instances, writes land beside the engine's rows.
static async Task<(double Reads, double Singles, double Batches)> RawRates(string connectionString, string hub, int count)
{
    var service = new TableServiceClient(connectionString, DurableHost.QuietClientOptions());
    var history = service.GetTableClient(hub + "History");
    var index = service.GetTableClient(hub + "Instances");
    var payload = new string('x', 400);
    const int Operations = 2000;

    var reads = await Rate(Operations, async i =>
    {
        await foreach (var _ in history.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {$"r2-{i % count:D5}"}")))
        {
        }
    });
    var singles = await Rate(Operations, i => index.UpsertEntityAsync(
        new TableEntity("raw", $"r{i % 500:D4}") { ["Data"] = payload }, TableUpdateMode.Replace));
    var batches = await Rate(Operations / 2, i => history.SubmitTransactionAsync(Enumerable.Range(0, BatchSize).Select(k =>
        new TableTransactionAction(TableTransactionActionType.UpsertReplace,
            new TableEntity($"raw-{i:D5}", $"h{k:D3}") { ["Data"] = payload }))));
    return (reads, singles, batches);

    static async Task<double> Rate(int operations, Func<int, Task> operation)
    {
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, operations),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (i, _) => await operation(i));
        return operations / watch.Elapsed.TotalSeconds;
    }
}

internal static partial class Program
{
    /// <summary>Entities in a raw batch: about what one review step commits (instance row and a few events).</summary>
    private const int BatchSize = 6;

    /// <summary>Orchestrations (and raw requests) in flight at once; BENCH_CONCURRENCY overrides.</summary>
    private static readonly int Concurrency = int.Parse(Environment.GetEnvironmentVariable("BENCH_CONCURRENCY") ?? "16",
        System.Globalization.CultureInfo.InvariantCulture);
}
