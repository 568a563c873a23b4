using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Domain;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Partners;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Waves;
using Pathfinder.Testing;
using Xunit.Abstractions;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>
/// A whole programme of 100 applications while one storage request in fifty fails (503 before it lands, 500 after it
/// has been applied, or a dropped connection): clients retry as clients do, and nothing is lost, nothing is refused
/// falsely, every application goes live, and every email and wave digest due is sent exactly once. The 5xx answers
/// clients saw (storage failures the Azure SDK's own retries did not absorb) are counted and reported.
/// </summary>
public sealed class StorageFaultTests(ITestOutputHelper output)
{
    private const int Applications = 100;

    [Fact]
    public async Task HundredLifecycles_WithOneStorageRequestInFiftyFailing_AllGoLiveAndNothingIsDoubled()
    {
        await using var storage = await FaultyStorage.StartAsync(failureShare: 0);
        using var app = PathfinderApp.With(("AzureWebJobsStorage", storage.ConnectionString));
        _ = app.App;
        storage.FailureShare = 0.02;
        var refusals = new List<string>();
        var failures = new ClientFailures();

        var ids = new string[Applications];
        await Parallel.ForEachAsync(
            Enumerable.Range(0, Applications),
            new ParallelOptions { MaxDegreeOfParallelism = 8 },
            async (i, _) =>
            {
                var form = Forms.Valid(i % 2 == 0 ? "Q35" : "Q36", $"Faulty Storage Consortium {i}");
                var key = $"fault-{i}";
                var answer = await RetryAsync(
                    () =>
                    {
                        var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
                        {
                            Content = JsonContent.Create(form),
                        };
                        request.Headers.Add("Idempotency-Key", key);
                        return app.Intake().SendAsync(request);
                    },
                    refusals,
                    failures,
                    $"submission {i}"
                );
                ids[i] = answer!["id"]!.GetValue<string>();
                await ViewAsync(app, failures, ids[i], _ => true);
                await RetryAsync(
                    () => app.Reviewer(ids[i][..3]).DecideAsync(ids[i], Forms.Decision("approved")),
                    refusals,
                    failures,
                    $"decision {ids[i]}"
                );
                await ViewAsync(app, failures, ids[i], v => v["status"]!.GetValue<string>() == "approved");
            }
        );
        var now = DateTimeOffset.UtcNow;
        var wave = await RetryAsync(
            () =>
                app.National()
                    .PostAsJsonAsync("/api/waves", new { announceAt = now.AddDays(7), cutoff = now.AddDays(1) }),
            refusals,
            failures,
            "wave"
        );
        await RetryAsync(
            () => app.National().AnnounceAsync(wave!["number"]!.GetValue<int>()),
            refusals,
            failures,
            "announcement"
        );
        var today = UkTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            await ViewAsync(app, failures, id, v => v["status"]!.GetValue<string>() == "announced");
            await RetryAsync(
                () => app.Reviewer(id[..3]).SetGoLiveAsync(id, today),
                refusals,
                failures,
                $"go-live {id}"
            );
            await ViewAsync(app, failures, id, v => v["status"]!.GetValue<string>() == "live");
        });
        storage.FailureShare = 0;

        output.WriteLine(
            $"{storage.Failed} of {storage.Requests} storage requests failed "
                + $"({100.0 * storage.Failed / storage.Requests:F1}%)"
        );
        output.WriteLine(
            $"clients saw {failures.Count} server failures after the Azure SDK's own retries "
                + $"({failures.Commands} answering commands, {failures.Reads} answering reads, "
                + $"{failures.Lost} answers lost){failures.Examples}"
        );
        Assert.Empty(refusals);
        Assert.True(storage.Failed > 100, $"only {storage.Failed} storage requests failed: the test did not test much");
        Assert.Equal(Applications, ids.Distinct().Count());
        var listed = (await app.National().GetFromJsonAsync<JsonArray>("/api/applications"))!;
        Assert.Equal(Applications, listed.Count);
        // An application reads "live" before its orchestration queues the go-live emails (and an activity that failed
        // waits 30 s for its retry), so the outbox is read only once every workflow has finished.
        await EveryWorkflowCompletedAsync(app, [.. ids, WaveOrchestrator.InstanceId(wave!["number"]!.GetValue<int>())]);
        await EveryEmailDueSentOnceAsync(app, ids);
        Assert.True(failures.Count == 0, $"clients saw {failures.Count} server failures:{failures.Examples}");
    }

    /// <summary>Waits until every instance's orchestration has completed; one that failed fails the test.</summary>
    private static async Task EveryWorkflowCompletedAsync(PathfinderApp app, IReadOnlyList<string> instanceIds)
    {
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        await Eventually.UntilAsync(
            "every workflow to complete",
            TimeSpan.FromMinutes(8),
            async () => await Task.WhenAll(instanceIds.Select(id => durable.GetInstanceAsync(id))),
            all =>
                all.All(i =>
                    i?.RuntimeStatus is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
                ),
            all =>
                string.Join(
                    ", ",
                    all.GroupBy(i => i?.RuntimeStatus.ToString() ?? "missing").Select(g => $"{g.Count()} {g.Key}")
                ),
            TimeSpan.FromSeconds(1)
        );
        var failed = (await Task.WhenAll(instanceIds.Select(id => durable.GetInstanceAsync(id))))
            .Where(i => i?.RuntimeStatus != OrchestrationRuntimeStatus.Completed)
            .Select(i => i!.InstanceId)
            .ToList();
        Assert.True(failed.Count == 0, $"workflows failed: {string.Join(", ", failed)}");
    }

    /// <summary>
    /// Waits until the outbox holds nothing still to send, then checks that every email due went out once: to each
    /// applicant its acknowledgement, approval, announcement and go-live; to each SHA's reviewers the new
    /// application; one wave digest to each LMC and SHA with a pathfinder, each national body and the national team;
    /// and no email queued was written twice.
    /// </summary>
    private static async Task EveryEmailDueSentOnceAsync(PathfinderApp app, IReadOnlyList<string> ids)
    {
        var outbox = app.Services.GetRequiredService<Outbox>();
        var entries = await Eventually.UntilAsync(
            "every queued email to be sent",
            TimeSpan.FromMinutes(3),
            () => outbox.ListAsync(null, 10_000, CancellationToken.None),
            all => all.All(e => e.Status == OutboxStatus.Sent),
            all => string.Join(", ", all.GroupBy(e => e.Status).Select(g => $"{g.Count()} {g.Key}")),
            TimeSpan.FromSeconds(1)
        );
        var mail = app.Sent();
        int Written(OutboxEntry e) =>
            mail.Count(m =>
                m.Subject == e.Subject
                && e.Categories.Contains(m.Kind)
                && m.To.Count == e.Recipients.Count
                && m.To.All(to => e.Recipients.Any(r => r.Contains(to, StringComparison.OrdinalIgnoreCase)))
            );
        var notOnce = entries
            .Where(e => Written(e) != 1)
            .Select(e => $"{e.InstanceId}/{e.Step} written {Written(e)} times")
            .ToList();
        Assert.True(notOnce.Count == 0, string.Join(Environment.NewLine, notOnce.Take(20)));
        Assert.Equal(entries.Count, mail.Count);

        var missing = new List<string>();
        foreach (var id in ids)
        {
            foreach (var kind in new[] { "Acknowledgement", "Approved", "Announced", "Live" })
            {
                Expect(id, kind, Mailbox.Applicant);
            }
            Expect(id, "NewApplication", Mailbox.ShaReviewers(id[..3]));
        }
        var digests = mail.Where(m => m.Kind == "WaveDigest").ToList();
        var due = PartnerDefaults
            .All.Where(p =>
                p.Details.Kind is PartnerKind.NationalBody or PartnerKind.NationalTeam
                || (
                    p.Details.Kind is PartnerKind.Lmc or PartnerKind.ShaReviewers
                    && p.Details.Sha?.Code is "Q35" or "Q36"
                )
            )
            .SelectMany(p => p.Details.Addresses)
            .ToList();
        foreach (var partner in due)
        {
            if (digests.Count(d => d.IsTo(partner)) != 1)
            {
                missing.Add($"{digests.Count(d => d.IsTo(partner))} wave digests to {partner}");
            }
        }
        Assert.Equal(9, due.Count);
        Assert.Equal(due.Count, digests.Count);
        Assert.True(missing.Count == 0, string.Join(Environment.NewLine, missing.Take(20)));

        void Expect(string id, string kind, string to)
        {
            var count = mail.Count(m =>
                m.Kind == kind
                && m.IsTo(to)
                && (m.Subject.Contains(id, StringComparison.Ordinal) || m.Text.Contains(id, StringComparison.Ordinal))
            );
            if (count != 1)
            {
                missing.Add($"{id}: {count} {kind} emails to {to}");
            }
        }
    }

    /// <summary>The 5xx answers and lost answers clients saw, counted across the test's parallel clients.</summary>
    private sealed class ClientFailures
    {
        private readonly List<string> _examples = [];
        private int _commands;
        private int _reads;
        private int _lost;

        public int Commands => _commands;

        public int Reads => _reads;

        public int Lost => _lost;

        public int Count => Commands + Reads + Lost;

        public string Examples
        {
            get
            {
                lock (_examples)
                {
                    return string.Concat(_examples.Take(10).Select(e => Environment.NewLine + "  " + e));
                }
            }
        }

        public void Command(string what) => Add(ref _commands, what);

        public void Read(string what) => Add(ref _reads, what);

        public void LostAnswer(string what) => Add(ref _lost, what);

        private void Add(ref int count, string what)
        {
            Interlocked.Increment(ref count);
            lock (_examples)
            {
                _examples.Add(what);
            }
        }
    }

    /// <summary>
    /// Sends until the answer is not a server failure, as a client would; a 409 is recorded as a refusal (no request
    /// here should be refused). Returns the accepted answer's body.
    /// </summary>
    private static async Task<JsonObject?> RetryAsync(
        Func<Task<HttpResponseMessage>> send,
        List<string> refusals,
        ClientFailures failures,
        string what
    )
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                using var response = await send();
                if ((int)response.StatusCode < 500)
                {
                    if (response.StatusCode == HttpStatusCode.Conflict)
                    {
                        var refusal = $"{what}: {await response.Content.ReadAsStringAsync()}";
                        lock (refusals)
                        {
                            refusals.Add(refusal);
                        }
                    }
                    Assert.True(
                        response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict,
                        $"{what} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
                    );
                    return response.Content.Headers.ContentLength == 0
                        ? null
                        : await response.Content.ReadFromJsonAsync<JsonObject>();
                }
                failures.Command(
                    $"{what} answered {(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}"
                );
            }
            catch (HttpRequestException e) when (attempt < 20)
            {
                // The answer was lost: send again.
                failures.LostAnswer($"{what}: {e.Message}");
            }
            Assert.True(attempt < 20, $"{what} failed 20 times");
            await Task.Delay(100 * attempt);
        }
    }

    /// <summary>The application once it satisfies <paramref name="until"/>; reads that fail are counted and read
    /// again.</summary>
    private static async Task ViewAsync(
        PathfinderApp app,
        ClientFailures failures,
        string id,
        Func<JsonObject, bool> until
    )
    {
        // Bounded, but generously: when a failed queue update had in fact been applied, the Azure Storage provider has
        // lost the message's pop receipt and the message waits out its 30 s visibility timeout, sometimes several
        // times.
        using var national = app.National();
        await Eventually.UntilAsync(
            $"{id} to reach the expected state",
            TimeSpan.FromMinutes(6),
            async () =>
            {
                try
                {
                    using var response = await national.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));
                    if ((int)response.StatusCode >= 500)
                    {
                        failures.Read(
                            $"reading {id} answered {(int)response.StatusCode}: "
                                + $"{await response.Content.ReadAsStringAsync()}"
                        );
                    }
                    return response.StatusCode == HttpStatusCode.OK
                        ? await response.Content.ReadFromJsonAsync<JsonObject>()
                        : null;
                }
                catch (HttpRequestException e)
                {
                    failures.LostAnswer($"reading {id}: {e.Message}");
                    return null;
                }
            },
            view => view is not null && until(view),
            view => view?.ToJsonString() ?? "not readable",
            TimeSpan.FromMilliseconds(200)
        );
    }
}
