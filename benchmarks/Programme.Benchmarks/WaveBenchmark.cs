using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Domain;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Partners;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// Submits and approves N applications (not timed), schedules a wave, then times announcing it through the API:
/// until every application shows announced and every partner's digest is in the outbox. A run that reaches its
/// 5-minute cap first prints what it reached and fails (exit code 1), with no time.
/// </summary>
internal static class WaveBenchmark
{
    private static readonly TimeSpan Cap = TimeSpan.FromMinutes(5);

    public static async Task RunAsync(int count)
    {
        await using var host = await BenchHost.StartAsync();
        Console.WriteLine(
            $"Wave: {count} approved applications announced in one wave (local host, Azure Storage backend on Azurite)"
        );
        var setup = Stopwatch.StartNew();
        using var intake = TestTokens.Intake(host.Address);
        var ids = new string[count];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, _) =>
            {
                ids[i] = await host.SubmitAsync(intake, "wave", i);
                await host.ApproveAsync(ids[i]);
                await host.UntilAsync(ids[i], r => r.Status == ApplicationStatus.Approved);
            }
        );
        using var national = TestTokens.National(host.Address);
        var now = DateTimeOffset.UtcNow;
        (
            await national.PostAsJsonAsync("/api/waves", new { announceAt = now.AddDays(7), cutoff = now.AddDays(1) })
        ).EnsureSuccessStatusCode();
        Console.WriteLine($"  set-up (submit and approve {count}): {setup.Elapsed.TotalSeconds:F1} s");

        var outbox = host.App.Services.GetRequiredService<Outbox>();
        var watch = Stopwatch.StartNew();
        (
            await national.PostAsync(new Uri("/api/waves/1/announcement", UriKind.Relative), null)
        ).EnsureSuccessStatusCode();
        // One digest to the reviewers and the LMC of each SHA with a pathfinder (form n is for the n-th SHA, modulo
        // ten), and to each national body and the national team.
        var shas = Enumerable.Range(0, count).Select(n => ShaCode.All[n % 10].Code).ToHashSet();
        var due = PartnerDefaults.All.Count(p =>
            p.Details.Kind is PartnerKind.NationalBody or PartnerKind.NationalTeam
            || (p.Details.Kind is PartnerKind.Lmc or PartnerKind.ShaReviewers && shas.Contains(p.Details.Sha!.Code))
        );
        int announced,
            digests;
        while (true)
        {
            announced = (await host.Applications.ListAsync(null, ApplicationStatus.Announced, default)).Count;
            digests = (await outbox.ListAsync(null, 10_000, default)).Count(e => e.Categories.Contains("WaveDigest"));
            if (announced == count && digests >= due)
            {
                break;
            }
            if (watch.Elapsed > Cap)
            {
                throw new BenchmarkFailedException(
                    $"the wave was not announced within the {Cap.TotalMinutes:F0}-minute cap: "
                        + $"{announced} of {count} show announced and {digests} of {due} digests are in the outbox"
                );
            }
            await Task.Delay(100);
        }
        Console.WriteLine(
            $"  announcing: {watch.Elapsed.TotalSeconds:F1} s until {announced} of {count} show announced and "
                + $"{digests} digests are in the outbox ({count / watch.Elapsed.TotalSeconds:F0} pathfinders/s; "
                + $"target 60 s or less)"
        );
    }
}
