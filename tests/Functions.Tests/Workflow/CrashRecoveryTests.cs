using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MimeKit;
using Pathfinder.Domain;
using Pathfinder.Functions.Partners;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Intake.Inbound;
using Pathfinder.Functions.Waves;
using Pathfinder.Testing;
using Xunit.Abstractions;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>
/// The local host killed with SIGKILL in the middle of a burst, then started again on the same task hub and tables.
/// Whatever was answered 202 must be reflected, retried requests must not duplicate anything, and nobody is told
/// the same thing twice.
/// </summary>
public sealed class CrashRecoveryTests(ITestOutputHelper output) : IDisposable
{
    private const int Applications = 24;
    private const int KillAfter = 8;
    private readonly string _prefix = Azurite.UniqueName("C");
    private readonly string _pickup = Path.Combine(
        Path.GetTempPath(),
        "pathfinder-crash-" + Guid.NewGuid().ToString("N")
    );

    public void Dispose()
    {
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    [Fact]
    public async Task KilledDuringABurstOfDecisions_EveryAcceptedDecisionIsReflected_AndNobodyIsToldTwice()
    {
        List<string> ids;
        Dictionary<string, HttpStatusCode?> answers;
        using (var first = await LocalHostProcess.StartAsync(_prefix, _pickup))
        {
            ids =
            [
                .. await Task.WhenAll(
                    Enumerable.Range(0, Applications).Select(i => SubmitAsync(first, i, key: $"d-{i}"))
                ),
            ];
            await Task.WhenAll(ids.Select(id => RegisteredAsync(first, id)));
            answers = Statuses(await BurstThenKillAsync(first, ids, (host, id) => DecideAsync(host, id)));
        }
        var accepted = answers.Where(a => a.Value == HttpStatusCode.Accepted).Select(a => a.Key).ToList();
        Assert.True(accepted.Count >= KillAfter, $"only {accepted.Count} decisions were answered before the kill");
        Assert.All(answers.Values, a => Assert.True(a is null or HttpStatusCode.Accepted, $"answered {a}"));
        InFlightWhenKilled(answers, "decisions");

        var restart = Stopwatch.StartNew();
        using var second = await LocalHostProcess.StartAsync(_prefix, _pickup);
        // The client sends again what it had no answer to: the same decision, by the same reviewer.
        foreach (var id in answers.Where(a => a.Value is null).Select(a => a.Key))
        {
            Assert.Equal(HttpStatusCode.Accepted, await DecideAsync(second, id));
        }
        await Task.WhenAll(ids.Select(id => DecidedAsync(second, id)));
        output.WriteLine(
            $"{accepted.Count} of {Applications} decisions answered before the kill; "
                + $"every decision reflected {restart.Elapsed.TotalSeconds:F1} s after the restart began"
        );

        // Reflected is not yet told: each outcome's email must still leave the outbox, once.
        await EachToldOnceAsync(
            second,
            [
                .. ids.Select(id => new Notice(
                    id,
                    Outcome(id) == "approved" ? "Approved" : "Rejected",
                    Mailbox.Applicant
                )),
            ]
        );
    }

    [Fact]
    public async Task KilledDuringABurstOfSubmissions_EveryAcceptedFormKeepsItsApplication_AndRetriesCreateNoSecond()
    {
        Dictionary<int, (bool Answered, (HttpStatusCode Status, string? Reference) Value)> answers;
        using (var first = await LocalHostProcess.StartAsync(_prefix, _pickup))
        {
            var numbered = Enumerable
                .Range(0, Applications)
                .Select(i => i.ToString(CultureInfo.InvariantCulture))
                .ToList();
            var byNumber = await BurstThenKillAsync(first, numbered, (host, n) => SubmitResponseAsync(host, Number(n)));
            answers = byNumber.ToDictionary(a => Number(a.Key), a => a.Value);
        }
        var accepted = answers.Where(a => a.Value.Answered).ToDictionary(a => a.Key, a => a.Value.Value);
        Assert.All(accepted, a =>
            Assert.True(a.Value.Status == HttpStatusCode.Accepted, $"form {a.Key}: {a.Value.Status}")
        );
        Assert.True(accepted.Count >= KillAfter, $"only {accepted.Count} forms were answered before the kill");
        InFlightWhenKilled(
            answers.ToDictionary(
                a => a.Key.ToString(CultureInfo.InvariantCulture),
                a => a.Value.Answered ? a.Value.Value.Status : (HttpStatusCode?)null
            ),
            "submissions"
        );

        using var second = await LocalHostProcess.StartAsync(_prefix, _pickup);
        // A 202 is a promise: the application it named is there after the restart, for the form that was sent.
        foreach (var (i, (_, reference)) in accepted)
        {
            var view = await ViewAsync(second, reference!, _ => true, TimeSpan.FromSeconds(90));
            Assert.Equal($"Crash Test Consortium {i}", view["consortiumName"]!.GetValue<string>());
        }
        // The client sends again only what it had no answer to. With its Idempotency-Key a retry is the same
        // application (202); without one, the same consortium's application under review is named (409): either way
        // the client learns its reference.
        var references = accepted.ToDictionary(a => a.Key, a => a.Value.Reference!);
        foreach (var i in answers.Where(a => !a.Value.Answered).Select(a => a.Key))
        {
            var (status, reference) = await SubmitResponseAsync(second, i);
            Assert.True(
                status is HttpStatusCode.Accepted || (status == HttpStatusCode.Conflict && i % 2 == 1),
                $"form {i}: {status}"
            );
            references[i] = reference!;
        }
        foreach (var (i, reference) in references)
        {
            var view = await ViewAsync(second, reference, _ => true, TimeSpan.FromSeconds(90));
            Assert.Equal($"Crash Test Consortium {i}", view["consortiumName"]!.GetValue<string>());
        }

        Assert.Equal(Applications, references.Values.Distinct().Count());
        var listed = (await second.National().GetFromJsonAsync<JsonArray>("/api/applications"))!;
        Assert.Equal(Applications, listed.Count);
    }

    [Fact]
    public async Task KilledDuringAWaveAnnouncement_EveryPathfinderIsAnnouncedOnce_AndEachPartnerGetsOneDigest()
    {
        List<string> ids;
        using (var first = await LocalHostProcess.StartAsync(_prefix, _pickup))
        {
            ids =
            [
                .. await Task.WhenAll(
                    Enumerable.Range(0, Applications).Select(i => SubmitAsync(first, i, key: $"w-{i}"))
                ),
            ];
            await Task.WhenAll(ids.Select(id => RegisteredAsync(first, id)));
            foreach (var id in ids.Where(id => Outcome(id) == "approved"))
            {
                Assert.Equal(HttpStatusCode.Accepted, await DecideAsync(first, id));
                await StatusAsync(first, id, s => s == "approved", TimeSpan.FromSeconds(60));
            }
            var now = DateTimeOffset.UtcNow;
            using var national = first.National();
            (
                await national.PostAsJsonAsync(
                    "/api/waves",
                    new { announceAt = now.AddDays(7), cutoff = now.AddDays(1) }
                )
            ).EnsureSuccessStatusCode();
            using var announced = await national.PostAsync(
                new Uri("/api/waves/1/announcement", UriKind.Relative),
                null
            );
            Assert.Equal(HttpStatusCode.Accepted, announced.StatusCode);
            // Mid-announcement: some applications told, some not yet.
            await StatusAsync(
                first,
                ids.First(id => Outcome(id) == "approved"),
                s => s == "announced",
                TimeSpan.FromSeconds(60)
            );
            first.Kill();
        }

        var restart = Stopwatch.StartNew();
        using var second = await LocalHostProcess.StartAsync(_prefix, _pickup);
        var approved = ids.Where(id => Outcome(id) == "approved").ToList();
        await Task.WhenAll(
            approved.Select(id => StatusAsync(second, id, s => s == "announced", TimeSpan.FromSeconds(150)))
        );
        output.WriteLine($"every pathfinder announced {restart.Elapsed.TotalSeconds:F1} s after the restart began");

        await EachToldOnceAsync(second, [.. approved.Select(id => new Notice(id, "Announced", Mailbox.Applicant))]);
        // Seven digests are due, one per recipient: Q35's LMC and reviewers (Q36's were all rejected), the four
        // national bodies and the national team. Each is sent, once.
        var due = PartnerDefaults
            .All.Where(p =>
                p.Details.Kind is PartnerKind.NationalBody or PartnerKind.NationalTeam
                || (p.Details.Kind is PartnerKind.Lmc or PartnerKind.ShaReviewers && p.Details.Sha?.Code == "Q35")
            )
            .SelectMany(p => p.Details.Addresses)
            .Select(a => new Notice(WaveOrchestrator.InstanceId(1), "WaveDigest", a))
            .ToList();
        Assert.Equal(7, due.Count);
        await EachToldOnceAsync(second, due);
        Assert.Equal(7, Mail().Count(m => m.Headers["X-Categories"] == "WaveDigest"));
    }

    [Fact]
    public async Task KilledDuringABurstOfEmails_EveryFormStartsOnce_AndRedeliveriesStartNothingMore()
    {
        var emails = Enumerable
            .Range(0, Applications)
            .Select(i => new InboundParsePost
            {
                From = $"Dr Lead {i} <lead{i}@practice.example.nhs.uk>",
                Text = SampleForms.Text($"Emailed Crash Consortium {i}"),
            })
            .ToList();
        Dictionary<string, HttpStatusCode?> answers;
        using (var first = await LocalHostProcess.StartAsync(_prefix, _pickup))
        {
            var numbered = Enumerable
                .Range(0, Applications)
                .Select(i => i.ToString(CultureInfo.InvariantCulture))
                .ToList();
            answers = Statuses(
                await BurstThenKillAsync(first, numbered, (host, n) => PostEmailAsync(host, emails[Number(n)]))
            );
        }
        var answered = answers.Where(a => a.Value == HttpStatusCode.OK).Select(a => Number(a.Key)).ToList();
        Assert.True(answered.Count >= KillAfter, $"only {answered.Count} emails were answered before the kill");
        Assert.All(answers.Values, a => Assert.True(a is null or HttpStatusCode.OK, $"answered {a}"));
        InFlightWhenKilled(answers, "emails");

        var restart = Stopwatch.StartNew();
        using var second = await LocalHostProcess.StartAsync(_prefix, _pickup);
        // SendGrid delivers again what it had no 200 for; a redelivery of an answered email (same Message-ID) too.
        foreach (var i in Enumerable.Range(0, Applications))
        {
            Assert.Equal(HttpStatusCode.OK, await PostEmailAsync(second, emails[i]));
        }

        // Every delivery, the redeliveries included, is now stored and answered 200, so SendGrid will not try again:
        // each form must now start its application, once. A first delivery the kill cut off after it was stored is
        // processed when its redelivery arrives. Duplicates are counted once every application is registered and no
        // delivery waits to be processed: nothing more can start after that.
        using var national = second.National();
        var (names, inbound) = await Eventually.UntilAsync(
            "every emailed form to be registered, and every delivery processed",
            TimeSpan.FromSeconds(240),
            async () =>
            {
                var listed = (await national.GetFromJsonAsync<JsonArray>("/api/applications"))!;
                var stored = (await national.GetFromJsonAsync<JsonArray>("/api/inbound"))!.OfType<JsonNode>().ToList();
                return (Names: listed.Select(a => a!["consortiumName"]!.GetValue<string>()).ToList(), Inbound: stored);
            },
            seen =>
                Enumerable.Range(0, Applications).All(i => seen.Names.Contains($"Emailed Crash Consortium {i}"))
                && seen.Inbound.Count >= Applications + answered.Count,
            seen => $"{seen.Names.Count} registered, {seen.Inbound.Count} deliveries stored"
        );
        output.WriteLine(
            $"{answered.Count} of {Applications} emails answered before the kill; every one registered "
                + $"{restart.Elapsed.TotalSeconds:F1} s after the restart began"
        );
        Assert.Equal(names.Distinct(), names);
        Assert.Equal(Applications, names.Count);
        // A delivery left "received" is one the killed process stored before it claimed the Message-ID, so its
        // redelivery was the first: its form is registered above.
        output.WriteLine(
            $"{inbound.Count(e => Is(e, "received"))} deliveries stored by the killed process before it "
                + "claimed their Message-ID, each registered through its redelivery"
        );
        var references = (await national.GetFromJsonAsync<JsonArray>("/api/applications"))!
            .Select(a => a!["id"]!.GetValue<string>())
            .ToList();
        await EachToldOnceAsync(second, [.. references.Select(id => new Notice(id, "Acknowledgement", null))]);
    }

    private static bool Is(JsonNode email, string status) =>
        string.Equals(email["status"]!.GetValue<string>(), status, StringComparison.OrdinalIgnoreCase);

    /// <summary>One email that must be sent exactly once: its outbox instance, its category and (when known) to
    /// whom.</summary>
    private sealed record Notice(string InstanceId, string Category, string? Recipient);

    /// <summary>
    /// Waits until each notice is in the outbox exactly once and has gone out, then checks the mail: each was
    /// written once. A send the kill cut off stays "sending" (the outbox puts it back only after ten minutes, since
    /// the email may have gone); that passes only if its email was in fact written before the kill, so a stuck send
    /// with nobody told fails here, naming it. The outbox is the only way mail is written, and a sent entry is never
    /// sent again, so once every entry has gone out the count is final: no later email can double it.
    /// </summary>
    private async Task EachToldOnceAsync(LocalHostProcess host, IReadOnlyList<Notice> notices)
    {
        using var national = host.National();
        bool Matches(Notice n, JsonNode e) =>
            e["instanceId"]!.GetValue<string>() == n.InstanceId
            && e["categories"]!.AsArray().Any(c => c!.GetValue<string>() == n.Category)
            && (
                n.Recipient is null
                || e["recipients"]!
                    .AsArray()
                    .Any(r => r!.GetValue<string>().Contains(n.Recipient, StringComparison.OrdinalIgnoreCase))
            );
        int Written(Notice n, List<MimeMessage> mail) =>
            mail.Count(m =>
                m.Headers["X-Categories"] == n.Category
                && (
                    n.Recipient is null
                    || m.To.Mailboxes.Any(b =>
                        string.Equals(b.Address, n.Recipient, StringComparison.OrdinalIgnoreCase)
                    )
                )
                && (
                    n.Category == "WaveDigest"
                    || ((m.Subject ?? "") + m.TextBody).Contains(n.InstanceId, StringComparison.Ordinal)
                )
            );
        string State(Notice n, List<string> statuses, List<MimeMessage> mail) =>
            $"{n.InstanceId} {n.Category}{(n.Recipient is null ? "" : " to " + n.Recipient)}: "
            + $"[{string.Join(", ", statuses)}], {Written(n, mail)} written";

        var (found, mail) = await Eventually.UntilAsync(
            "every notification to be queued once and to have gone out",
            TimeSpan.FromSeconds(150),
            async () =>
            {
                var outbox = (await national.GetFromJsonAsync<JsonArray>("/api/notifications"))!
                    .OfType<JsonNode>()
                    .ToList();
                var statuses = notices.ToDictionary(
                    n => n,
                    n => outbox.Where(e => Matches(n, e)).Select(e => e["status"]!.GetValue<string>()).ToList()
                );
                var written = Mail();
                Assert.All(statuses, f =>
                    Assert.True(f.Value.Count <= 1, "queued twice: " + State(f.Key, f.Value, written))
                );
                return (Statuses: statuses, Mail: written);
            },
            seen =>
                seen.Statuses.All(f =>
                    f.Value is ["sent"] || (f.Value is ["sending"] && Written(f.Key, seen.Mail) == 1)
                ),
            seen =>
                string.Join(
                    "; ",
                    seen.Statuses.Where(f => f.Value is not ["sent"])
                        .Take(5)
                        .Select(f => State(f.Key, f.Value, seen.Mail))
                ),
            TimeSpan.FromMilliseconds(250)
        );

        foreach (var notice in notices)
        {
            Assert.True(Written(notice, mail) == 1, "not written exactly once: " + State(notice, found[notice], mail));
        }
    }

    private static async Task<HttpStatusCode> PostEmailAsync(LocalHostProcess host, InboundParsePost email)
    {
        using var content = email.Build();
        using var client = host.Client();
        using var response = await client.PostAsync(EmailIntakeFixture.Webhook, content);
        return response.StatusCode;
    }

    /// <summary>
    /// Sends one request per item at once and kills the host as the <see cref="KillAfter"/>th answer arrives. Each
    /// item's
    /// answer, or not answered when the kill cut its request off.
    /// </summary>
    private static async Task<Dictionary<string, (bool Answered, T Value)>> BurstThenKillAsync<T>(
        LocalHostProcess host,
        IReadOnlyList<string> items,
        Func<LocalHostProcess, string, Task<T>> send
    )
    {
        var answered = 0;
        var enough = new TaskCompletionSource();
        var burst = items
            .Select(async item =>
            {
                try
                {
                    var value = await send(host, item);
                    if (Interlocked.Increment(ref answered) == KillAfter)
                    {
                        // Killed here, by the answer that makes enough, not after a hop to another thread: a quiet
                        // machine
                        // answers the rest of the burst within that hop, and the test would then cut nothing off.
                        host.Kill();
                        enough.TrySetResult();
                    }
                    return (item, (true, value));
                }
                catch (HttpRequestException)
                {
                    return (item, (false, default(T)!));
                }
                catch (TaskCanceledException)
                {
                    return (item, (false, default(T)!));
                }
            })
            .ToList();
        await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
        return (await Task.WhenAll(burst)).ToDictionary(a => a.item, a => a.Item2);
    }

    private static Dictionary<string, HttpStatusCode?> Statuses(
        Dictionary<string, (bool Answered, HttpStatusCode Value)> answers
    ) => answers.ToDictionary(a => a.Key, a => a.Value.Answered ? a.Value.Value : (HttpStatusCode?)null);

    /// <summary>
    /// The kill must land mid-burst, or the test shows nothing about requests cut off: some were answered and some
    /// were still waiting for their answer (every request was sent before the kill).
    /// </summary>
    private void InFlightWhenKilled(Dictionary<string, HttpStatusCode?> answers, string what)
    {
        var unanswered = answers.Count(a => a.Value is null);
        output.WriteLine($"{answers.Count - unanswered} {what} answered before the kill, {unanswered} unanswered");
        Assert.True(unanswered > 0, $"every one of the {answers.Count} {what} was answered before the kill landed");
    }

    private static int Number(string n) => int.Parse(n, CultureInfo.InvariantCulture);

    private static JsonObject Form(int i) => Forms.Valid(i % 2 == 0 ? "Q35" : "Q36", $"Crash Test Consortium {i}");

    private static async Task<string> SubmitAsync(LocalHostProcess host, int i, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
        {
            Content = JsonContent.Create(Form(i)),
        };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await host.Intake().SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>Even-numbered forms carry an Idempotency-Key; odd ones rely on the one-per-consortium rule.</summary>
    private static async Task<(HttpStatusCode Status, string? Reference)> SubmitResponseAsync(
        LocalHostProcess host,
        int i
    )
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
        {
            Content = JsonContent.Create(Form(i)),
        };
        if (i % 2 == 0)
        {
            request.Headers.Add("Idempotency-Key", $"s-{i}");
        }
        using var response = await host.Intake().SendAsync(request);
        var body = await response.Content.ReadFromJsonAsync<JsonObject>();
        return (response.StatusCode, (body?["id"] ?? body?["reference"])?.GetValue<string>());
    }

    private static string Sha(string id) => id[..3];

    /// <summary>Q35's applications are approved, Q36's rejected, each by its own SHA's reviewer.</summary>
    private static string Outcome(string id) => Sha(id) == "Q35" ? "approved" : "rejected";

    private static async Task<HttpStatusCode> DecideAsync(LocalHostProcess host, string id)
    {
        using var response = await host.Reviewer(Sha(id))
            .PostAsJsonAsync(
                $"/api/applications/{id}/decision",
                Outcome(id) == "approved" ? Forms.Decision("approved") : Forms.Decision("rejected", la: false)
            );
        return response.StatusCode;
    }

    private static Task RegisteredAsync(LocalHostProcess host, string id) =>
        StatusAsync(host, id, _ => true, TimeSpan.FromSeconds(90));

    private static Task DecidedAsync(LocalHostProcess host, string id) =>
        StatusAsync(host, id, s => s == Outcome(id), TimeSpan.FromSeconds(150));

    private static async Task StatusAsync(
        LocalHostProcess host,
        string id,
        Func<string, bool> until,
        TimeSpan within
    ) => await ViewAsync(host, id, v => until(v["status"]!.GetValue<string>()), within);

    /// <summary>The application once it is registered and <paramref name="until"/> holds of it.</summary>
    private static async Task<JsonObject> ViewAsync(
        LocalHostProcess host,
        string id,
        Func<JsonObject, bool> until,
        TimeSpan within
    )
    {
        using var national = host.National();
        return (
            await Eventually.UntilAsync(
                $"{id} to reach the expected state",
                within,
                async () =>
                {
                    using var response = await national.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));
                    return response.StatusCode == HttpStatusCode.OK
                        ? await response.Content.ReadFromJsonAsync<JsonObject>()
                        : null;
                },
                view => view is not null && until(view),
                view => view?.ToJsonString() ?? "not registered",
                TimeSpan.FromMilliseconds(250)
            )
        )!;
    }

    private List<MimeMessage> Mail() => [.. Directory.GetFiles(_pickup, "*.eml").Select(f => MimeMessage.Load(f))];
}
