using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Pathfinder.Domain;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// The storage requests one user action costs, counted at a proxy in front of Azurite that the app alone goes
/// through (<see cref="FaultyStorage"/>, failing none). Actions run one at a time on an otherwise idle app. What the
/// app does anyway while idle (the Durable backend's queue polling and leases, the outbox dispatcher's query) is
/// learnt first and left out by its shape: method, resource and query with the digits blanked. Everything else that
/// reaches storage between the request and its answer is the handler's; from the answer until storage has been
/// quiet for two seconds, the workflow's. The counts depend on the code, not on the machine.
/// </summary>
internal static partial class RequestsBenchmark
{
    private static readonly TimeSpan Quiet = TimeSpan.FromSeconds(2);

    public static async Task RunAsync(int repeats)
    {
        var log = new ConcurrentQueue<(string Method, string Path)>();
        await using var proxy = await FaultyStorage.StartAsync(failureShare: 0);
        proxy.Observe = (method, path) => log.Enqueue((method, path));
        await using var host = await BenchHost.StartAsync(
            new Dictionary<string, string?> { ["AzureWebJobsStorage"] = proxy.ConnectionString }
        );
        using var intake = TestTokens.Intake(host.Address);
        var ids = new List<string>();
        // One set for approvals, one for rejections (a decision is taken once).
        for (var i = 0; i <= 2 * repeats + 1; i++)
        {
            ids.Add(await host.SubmitAsync(intake, "requests", i));
        }

        // The app's own idle work, learnt over 20 s with nothing asked of it.
        await Task.Delay(TimeSpan.FromSeconds(5));
        log.Clear();
        await Task.Delay(TimeSpan.FromSeconds(20));
        var idle = log.Select(r => Shape(r.Method, r.Path)).ToHashSet(StringComparer.Ordinal);
        var meter = new Meter(log, idle);
        Console.WriteLine(
            $"Storage requests per action, {repeats} of each after a warm-up, on {ids.Count} applications "
                + $"({idle.Count} shapes of idle polling left out)"
        );

        using var national = TestTokens.National(host.Address);
        await meter.MeasureAsync("list (national team, every application)", repeats, _ =>
            national.GetAsync(new Uri("/api/applications", UriKind.Relative))
        );
        await meter.MeasureAsync("detail (one application)", repeats, i =>
            national.GetAsync(new Uri($"/api/applications/{ids[i]}", UriKind.Relative))
        );
        await meter.MeasureAsync("decision (approval)", repeats, async i =>
        {
            using var reviewer = TestTokens.Reviewer(host.Address, ids[i][..3]);
            return await reviewer.PostAsJsonAsync($"/api/applications/{ids[i]}/decision", BenchHost.Approval());
        });
        await meter.MeasureAsync("decision (rejection)", repeats, async i =>
        {
            var id = ids[repeats + 1 + i];
            using var reviewer = TestTokens.Reviewer(host.Address, id[..3]);
            return await reviewer.PostAsJsonAsync($"/api/applications/{id}/decision", BenchHost.Rejection());
        });
        using var webhook = new HttpClient { BaseAddress = host.Address };
        await meter.MeasureAsync("email intake (text form in the body)", repeats, async i =>
        {
            var text = File.ReadAllText(Path.Combine(RepositoryRoot.Find(), "samples", "expression-of-interest.txt"))
                .Replace("Fenland Health Consortium", $"Requests Consortium {i}", StringComparison.Ordinal)
                .Replace("Lead GP email: jane.lead@", $"Lead GP email: lead{i}@", StringComparison.Ordinal)
                .Replace("D8100", $"R{i:D3}0", StringComparison.Ordinal);
            using var content = new InboundParsePost { Text = text }.Build();
            return await webhook.PostAsync(
                new Uri($"/api/inbound/email?code={TestTokens.IntakeKey}", UriKind.Relative),
                content
            );
        });
    }

    /// <summary>What a request does, without the values that change between two of the same kind.</summary>
    private static string Shape(string method, string path) => $"{method} {Digits().Replace(path, "#")}";

    /// <summary>A request as a person reads it: method, resource without the test's prefix, and its keys or
    /// filter.</summary>
    private static string Show((string Method, string Path) r)
    {
        var path = Uri.UnescapeDataString(r.Path);
        var q = path.IndexOf('?', StringComparison.Ordinal);
        var query = q >= 0 ? path[(q + 1)..] : "";
        var resource = Prefix().Replace(path[..(q >= 0 ? q : path.Length)].Split('/', 3)[^1], "");
        var filter = query.Split('&').FirstOrDefault(p => p.StartsWith("$filter=", StringComparison.Ordinal));
        resource = Regex.Replace(resource, "/messages/.*", "/messages/{id}");
        return $"{r.Method} {resource}{(filter is null ? "" : " " + filter)}";
    }

    /// <summary>The prefix of the benchmark's own tables, task hub and containers.</summary>
    [GeneratedRegex("^[A-Za-z][0-9a-f]{12}")]
    private static partial Regex Prefix();

    [GeneratedRegex("[0-9a-f]{8,}|[0-9]+", RegexOptions.IgnoreCase)]
    private static partial Regex Digits();

    private sealed class Meter(ConcurrentQueue<(string Method, string Path)> log, HashSet<string> idle)
    {
        public async Task MeasureAsync(string action, int repeats, Func<int, Task<HttpResponseMessage>> act)
        {
            var handler = new List<int>();
            var workflow = new List<int>();
            var examples = new List<string>();
            // The first of each is a warm-up: it creates what the process creates once (a table, a container).
            for (var i = 0; i <= repeats; i++)
            {
                await QuietAsync();
                log.Clear();
                using (var response = await act(i))
                {
                    if (response.StatusCode is not (HttpStatusCode.OK or HttpStatusCode.Accepted))
                    {
                        throw new BenchmarkFailedException(
                            $"{action} answered {(int)response.StatusCode}: "
                                + await response.Content.ReadAsStringAsync()
                        );
                    }
                }
                var requests = log.ToArray();
                var during = Work(requests);
                await QuietAsync();
                var all = log.ToArray();
                var after = all.Skip(requests.Length).Where(r => !idle.Contains(Shape(r.Method, r.Path))).ToList();
                if (i == 0)
                {
                    continue;
                }
                handler.Add(during.Count);
                workflow.Add(after.Count);
                if (i == 1)
                {
                    examples.AddRange(
                        requests
                            .Where(r => !idle.Contains(Shape(r.Method, r.Path)))
                            .Select(r => "    handler   " + Show(r))
                    );
                    examples.AddRange(after.GroupBy(Show).Select(g => $"    workflow  {g.Count()} x {g.Key}"));
                }
            }
            Console.WriteLine(
                $"  {action}: handler {Describe(handler)}; afterwards, until storage is quiet {Describe(workflow)}"
            );
            foreach (var line in examples)
            {
                Console.WriteLine(line);
            }
        }

        private static string Describe(List<int> counts) =>
            counts.Min() == counts.Max()
                ? $"{counts[0]}"
                : $"{counts.Min()} to {counts.Max()} (median {counts.Order().ElementAt(counts.Count / 2)})";

        private List<string> Work(IEnumerable<(string Method, string Path)> requests) =>
            [.. requests.Select(r => Shape(r.Method, r.Path)).Where(s => !idle.Contains(s))];

        /// <summary>Waits until no request but idle polling has reached storage for <see cref="Quiet"/>.</summary>
        private async Task QuietAsync()
        {
            var deadline = DateTimeOffset.UtcNow.AddMinutes(2);
            var seen = Work(log.ToArray()).Count;
            var since = DateTimeOffset.UtcNow;
            while (DateTimeOffset.UtcNow - since < Quiet)
            {
                await Task.Delay(100);
                var now = Work(log.ToArray()).Count;
                if (now != seen)
                {
                    (seen, since) = (now, DateTimeOffset.UtcNow);
                }
                if (DateTimeOffset.UtcNow > deadline)
                {
                    throw new BenchmarkFailedException("storage never went quiet for two seconds in two minutes");
                }
            }
        }
    }
}
