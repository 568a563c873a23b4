using System.Collections.Concurrent;
using System.Globalization;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// Every request's latency by route template (e.g. <c>GET /api/applications/{id}</c>), and every error (a 5xx, a
/// timeout, an unexpected status) by route and cause; safe to record into from many tasks at once.
/// </summary>
internal sealed class LatencyRecorder
{
    private readonly ConcurrentDictionary<string, List<double>> _latencies = new();
    private readonly ConcurrentDictionary<string, int> _errors = new();
    private readonly ConcurrentQueue<TimeSpan> _errorTimes = new();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;

    public IEnumerable<string> Routes => _latencies.Keys.Order(StringComparer.Ordinal);

    public int Requests =>
        _latencies.Values.Sum(l =>
        {
            lock (l)
            {
                return l.Count;
            }
        });

    public int Errors => _errors.Values.Sum();

    /// <summary>Each distinct error (route and cause) with how often it happened.</summary>
    public IReadOnlyDictionary<string, int> ErrorsByCause => _errors;

    public void Record(string route, TimeSpan latency)
    {
        var list = _latencies.GetOrAdd(route, _ => []);
        lock (list)
        {
            list.Add(latency.TotalMilliseconds);
        }
    }

    public void Error(string route, string cause)
    {
        _errors.AddOrUpdate($"{route}: {cause}", 1, (_, n) => n + 1);
        _errorTimes.Enqueue(DateTimeOffset.UtcNow - _started);
    }

    /// <summary>When the errors were recorded (since this recorder began), in order: spread out or all at
    /// once.</summary>
    public IReadOnlyList<TimeSpan> ErrorTimes => [.. _errorTimes.Order()];

    /// <summary>The latencies of these routes, or of every route when none is named, sorted (ms).</summary>
    public List<double> Sorted(params string[] routes)
    {
        var sorted = new List<double>();
        foreach (var (name, list) in _latencies)
        {
            if (routes.Length == 0 || routes.Contains(name))
            {
                lock (list)
                {
                    sorted.AddRange(list);
                }
            }
        }
        sorted.Sort();
        return sorted;
    }

    /// <summary>"p50 12 ms, p95 40 ms, p99 85 ms, max …, n requests" for these routes, or for every route.</summary>
    public string Summary(params string[] routes)
    {
        var sorted = Sorted(routes);
        return sorted.Count == 0
            ? "no requests"
            : string.Create(
                CultureInfo.InvariantCulture,
                $"p50 {Percentile(sorted, 50), 6:F0} ms, p95 {Percentile(sorted, 95), 6:F0} ms, p99 "
                    + $"{Percentile(sorted, 99), 6:F0} ms, "
                    + $"max {sorted[^1], 6:F0} ms, {sorted.Count, 6} requests"
            );
    }

    /// <summary>The nearest-rank percentile of an ascending list.</summary>
    public static double Percentile(List<double> sorted, int p) =>
        sorted[Math.Clamp((int)Math.Ceiling(p / 100.0 * sorted.Count) - 1, 0, sorted.Count - 1)];
}
