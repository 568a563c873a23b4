using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// Recovery after SIGKILL: N applications submitted and decided at once in the local host as its own process, killed
/// while the decisions are being applied, then a new process on the same task hub; times how long after the restart
/// every decision answered 202 shows on its application.
/// </summary>
internal static class RecoveryBenchmark
{
    public static async Task RunAsync(int count)
    {
        var prefix = Azurite.UniqueName("R");
        var mail = Path.Combine(Path.GetTempPath(), "pathfinder-bench-mail-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine(
            $"Recovery: {count} decisions in flight when the local host is killed (SIGKILL), then restarted"
        );
        var ids = new string[count];
        var accepted = 0;
        using (var first = await LocalHostProcess.StartAsync(prefix, mail))
        {
            using var intake = first.Intake();
            await Parallel.ForEachAsync(
                Enumerable.Range(0, count),
                new ParallelOptions { MaxDegreeOfParallelism = 16 },
                async (i, token) =>
                {
                    var form = BenchHost.Form("recovery", i);
                    using var response = await intake.PostAsJsonAsync("/api/applications", form, token);
                    ids[i] = (await response.Content.ReadFromJsonAsync<JsonObject>(token))!["id"]!.GetValue<string>();
                    await ShownAsync(first, ids[i], _ => true);
                }
            );

            await Parallel.ForEachAsync(
                ids,
                new ParallelOptions { MaxDegreeOfParallelism = count },
                async (id, token) =>
                {
                    using var reviewer = first.Reviewer(id[..3]);
                    using var response = await reviewer.PostAsJsonAsync(
                        $"/api/applications/{id}/decision",
                        BenchHost.Approval(),
                        token
                    );
                    if (response.StatusCode == HttpStatusCode.Accepted)
                    {
                        Interlocked.Increment(ref accepted);
                    }
                }
            );
            // Every decision is accepted and queued; kill the host while the orchestrations are applying them.
            first.Kill();
        }
        var applied = 0;
        var watch = Stopwatch.StartNew();
        using (var second = await LocalHostProcess.StartAsync(prefix, mail))
        {
            var started = watch.Elapsed;
            await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (id, _) =>
            {
                await ShownAsync(second, id, status => status == "approved");
                Interlocked.Increment(ref applied);
            });
            Console.WriteLine(
                $"  {accepted} of {count} decisions answered 202 before the kill; all {applied} shown "
                    + $"{watch.Elapsed.TotalSeconds:F1} s after the restart began (the new process answered after "
                    + $"{started.TotalSeconds:F1} s)"
            );
        }
        Directory.Delete(mail, recursive: true);
    }

    private static async Task ShownAsync(LocalHostProcess host, string id, Func<string, bool> until)
    {
        using var national = host.National();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(10);
        while (DateTimeOffset.UtcNow < deadline)
        {
            using var response = await national.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));
            if (
                response.StatusCode == HttpStatusCode.OK
                && until((await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>())
            )
            {
                return;
            }
            await Task.Delay(250);
        }
        throw new TimeoutException($"{id} was not shown as expected within 10 minutes.");
    }
}
