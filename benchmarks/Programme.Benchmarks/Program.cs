using Pathfinder.Programme.Benchmarks;

// ./bench.sh wave|decisions|throughput|storage|recovery|load|pages|requests [count, seconds or runs]: each prints its
// figures (see README "Benchmarks").
var which = args.Length > 0 ? args[0] : "all";
var count = args.Length > 1 ? int.Parse(args[1], System.Globalization.CultureInfo.InvariantCulture) : (int?)null;
var benchmarks = new Dictionary<string, Func<Task>>
{
    ["wave"] = () => WaveBenchmark.RunAsync(count ?? 300),
    ["decisions"] = () => DecisionLatencyBenchmark.RunAsync(count ?? 200),
    ["throughput"] = () => ThroughputBenchmark.RunAsync(count ?? 200),
    ["storage"] = () => StorageBenchmark.RunAsync(count ?? 20),
    ["recovery"] = () => RecoveryBenchmark.RunAsync(count ?? 100),
    ["load"] = () => LoadBenchmark.RunAsync(count ?? 300),
    ["pages"] = () => PagesBenchmark.RunAsync(count ?? 3),
    ["requests"] = () => RequestsBenchmark.RunAsync(count ?? 5),
};
if (which != "all" && !benchmarks.ContainsKey(which))
{
    Console.Error.WriteLine($"Unknown benchmark '{which}'; use one of: {string.Join(", ", benchmarks.Keys)}, all.");
    return 2;
}
foreach (var (name, run) in benchmarks.Where(b => which == "all" || b.Key == which))
{
    try
    {
        await run();
    }
    catch (BenchmarkFailedException e)
    {
        // A run that did not finish its work has no figure to give: say why, and fail.
        Console.Error.WriteLine($"{name} FAILED: {e.Message}");
        return 1;
    }
}
return 0;
