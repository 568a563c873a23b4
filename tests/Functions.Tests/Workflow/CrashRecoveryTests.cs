using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MimeKit;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Intake.Inbound;
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
    private readonly string _pickup = Path.Combine(Path.GetTempPath(), "pathfinder-crash-" + Guid.NewGuid().ToString("N"));

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
            ids = [.. await Task.WhenAll(Enumerable.Range(0, Applications).Select(i => SubmitAsync(first, i, key: $"d-{i}")))];
            await Task.WhenAll(ids.Select(id => RegisteredAsync(first, id)));
            answers = await BurstThenKillAsync(first, ids, (host, id) => DecideAsync(host, id));
        }
        var accepted = answers.Where(a => a.Value == HttpStatusCode.Accepted).Select(a => a.Key).ToList();
        Assert.True(accepted.Count >= KillAfter, $"only {accepted.Count} decisions were answered before the kill");
        Assert.All(answers.Values, a => Assert.True(a is null or HttpStatusCode.Accepted, $"answered {a}"));

        var restart = Stopwatch.StartNew();
        using var second = await LocalHostProcess.StartAsync(_prefix, _pickup);
        // The client sends again what it had no answer to: the same decision, by the same reviewer.
        foreach (var id in answers.Where(a => a.Value is null).Select(a => a.Key))
        {
            Assert.Equal(HttpStatusCode.Accepted, await DecideAsync(second, id));
        }
        await Task.WhenAll(ids.Select(id => DecidedAsync(second, id)));
        output.WriteLine($"{accepted.Count} of {Applications} decisions answered before the kill; " +
                         $"every decision reflected {restart.Elapsed.TotalSeconds:F1} s after the restart began");

        // Reflected is not yet told: each outcome's email must still leave the outbox, once.
        await EachApplicantToldOnceAsync(second, ids, id => Outcome(id) == "approved" ? "Approved" : "Rejected");
    }

    [Fact]
    public async Task KilledDuringABurstOfSubmissions_RetriesNeverCreateASecondApplication()
    {
        Dictionary<int, HttpStatusCode?> answers;
        using (var first = await LocalHostProcess.StartAsync(_prefix, _pickup))
        {
            var numbered = Enumerable.Range(0, Applications).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            var byNumber = await BurstThenKillAsync(first, numbered, async (host, n) =>
                (await SubmitResponseAsync(host, int.Parse(n, System.Globalization.CultureInfo.InvariantCulture))).Status);
            answers = byNumber.ToDictionary(a => int.Parse(a.Key, System.Globalization.CultureInfo.InvariantCulture), a => a.Value);
        }
        Assert.Contains(answers.Values, a => a == HttpStatusCode.Accepted);

        using var second = await LocalHostProcess.StartAsync(_prefix, _pickup);
        // The client cannot tell which answers were lost, so it sends every form again.
        var references = new List<string>();
        foreach (var i in Enumerable.Range(0, Applications))
        {
            var (status, reference) = await SubmitResponseAsync(second, i);
            // With its Idempotency-Key a retry is the same application (202); without one, the same consortium's
            // application under review is named (409): either way the client learns its reference.
            Assert.True(status is HttpStatusCode.Accepted || (status == HttpStatusCode.Conflict && i % 2 == 1), $"form {i}: {status}");
            references.Add(reference!);
        }
        await Task.WhenAll(references.Select(id => RegisteredAsync(second, id)));

        Assert.Equal(Applications, references.Distinct().Count());
        var listed = (await second.National().GetFromJsonAsync<JsonArray>("/api/applications"))!;
        Assert.Equal(Applications, listed.Count);
    }

    [Fact]
    public async Task KilledDuringAWaveAnnouncement_EveryPathfinderIsAnnouncedOnce_AndEachPartnerGetsOneDigest()
    {
        List<string> ids;
        using (var first = await LocalHostProcess.StartAsync(_prefix, _pickup))
        {
            ids = [.. await Task.WhenAll(Enumerable.Range(0, Applications).Select(i => SubmitAsync(first, i, key: $"w-{i}")))];
            await Task.WhenAll(ids.Select(id => RegisteredAsync(first, id)));
            foreach (var id in ids.Where(id => Outcome(id) == "approved"))
            {
                Assert.Equal(HttpStatusCode.Accepted, await DecideAsync(first, id));
                await StatusAsync(first, id, s => s == "approved", TimeSpan.FromSeconds(60));
            }
            var now = DateTimeOffset.UtcNow;
            using var national = first.National();
            (await national.PostAsJsonAsync("/api/waves", new { announceAt = now.AddDays(7), cutoff = now.AddDays(1) })).EnsureSuccessStatusCode();
            using var announced = await national.PostAsync(new Uri("/api/waves/1/announcement", UriKind.Relative), null);
            Assert.Equal(HttpStatusCode.Accepted, announced.StatusCode);
            // Mid-announcement: some applications told, some not yet.
            await StatusAsync(first, ids.First(id => Outcome(id) == "approved"), s => s == "announced", TimeSpan.FromSeconds(60));
            first.Kill();
        }

        var restart = Stopwatch.StartNew();
        using var second = await LocalHostProcess.StartAsync(_prefix, _pickup);
        var approved = ids.Where(id => Outcome(id) == "approved").ToList();
        await Task.WhenAll(approved.Select(id => StatusAsync(second, id, s => s == "announced", TimeSpan.FromSeconds(150))));
        var digests = await DigestsAsync(expected: 4);
        output.WriteLine($"every pathfinder announced {restart.Elapsed.TotalSeconds:F1} s after the restart began");

        await EachApplicantToldOnceAsync(second, approved, _ => "Announced");
        // One digest per recipient: Q35's LMC and reviewers, the national bodies and team; never two to anyone.
        var recipients = digests.SelectMany(m => m.To.Mailboxes.Select(b => b.Address)).ToList();
        Assert.Equal(recipients.Distinct(), recipients);
        Assert.Contains(Mailbox.Lmc("Q35"), recipients);
        Assert.Contains(Mailbox.NationalTeam, recipients);
    }

    [Fact]
    public async Task KilledDuringABurstOfEmails_EveryAnsweredEmailStartedOnce_AndRedeliveriesStartNothing()
    {
        var emails = Enumerable.Range(0, Applications).Select(i => new InboundParsePost
        {
            From = $"Dr Lead {i} <lead{i}@practice.example.nhs.uk>",
            Text = SampleForms.Text($"Emailed Crash Consortium {i}"),
        }).ToList();
        Dictionary<string, HttpStatusCode?> answers;
        using (var first = await LocalHostProcess.StartAsync(_prefix, _pickup))
        {
            var numbered = Enumerable.Range(0, Applications).Select(i => i.ToString(System.Globalization.CultureInfo.InvariantCulture)).ToList();
            answers = await BurstThenKillAsync(first, numbered, (host, n) =>
                PostEmailAsync(host, emails[int.Parse(n, System.Globalization.CultureInfo.InvariantCulture)]));
        }
        var answered = answers.Where(a => a.Value == HttpStatusCode.OK).Select(a => int.Parse(a.Key, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.NotEmpty(answered);

        var restart = Stopwatch.StartNew();
        using var second = await LocalHostProcess.StartAsync(_prefix, _pickup);
        // SendGrid delivers again what it had no 200 for; a redelivery of an answered email (same Message-ID) too.
        foreach (var i in Enumerable.Range(0, Applications))
        {
            Assert.Equal(HttpStatusCode.OK, await PostEmailAsync(second, emails[i]));
        }

        // Answered 200 before the kill: started, and registered once the new process has taken over.
        using var national = second.National();
        var deadline = DateTimeOffset.UtcNow.AddSeconds(150);
        List<string> names;
        while (true)
        {
            var listed = (await national.GetFromJsonAsync<JsonArray>("/api/applications"))!;
            names = [.. listed.Select(a => a!["consortiumName"]!.GetValue<string>())];
            if (answered.All(i => names.Contains($"Emailed Crash Consortium {i}")))
            {
                break;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, "the emails answered before the kill were not all registered within 150 s");
            await Task.Delay(500);
        }
        output.WriteLine($"{answered.Count} of {Applications} emails answered before the kill; every one registered " +
                         $"{restart.Elapsed.TotalSeconds:F1} s after the restart began");
        Assert.Equal(names.Distinct(), names);
    }

    /// <summary>
    /// Waits until each application's applicant notification of the given category is in the outbox exactly once and
    /// no longer pending, then checks the mail: a sent notification was written once, and none was written twice.
    /// A send cut off by the kill stays "sending" until the outbox's stuck-send recovery (10 minutes), because the
    /// email may have gone; for those only "never twice" is checked.
    /// </summary>
    private async Task EachApplicantToldOnceAsync(LocalHostProcess host, IReadOnlyList<string> ids, Func<string, string> category)
    {
        using var national = host.National();
        async Task<Dictionary<string, List<string>>> OutboxAsync()
        {
            var outbox = (await national.GetFromJsonAsync<JsonArray>("/api/notifications"))!.OfType<JsonNode>().ToList();
            return ids.ToDictionary(id => id, id => outbox.Where(e =>
                e["instanceId"]!.GetValue<string>() == id &&
                e["categories"]!.AsArray().Any(c => c!.GetValue<string>() == category(id)) &&
                e["recipients"]!.AsArray().Any(r => r!.GetValue<string>().Contains(Mailbox.Applicant, StringComparison.Ordinal)))
                .Select(e => e["status"]!.GetValue<string>()).ToList());
        }

        var deadline = DateTimeOffset.UtcNow.AddSeconds(150);
        var found = await OutboxAsync();
        while (!found.Values.All(f => f.Count == 1 && f[0] != "pending"))
        {
            Assert.All(found, f => Assert.True(f.Value.Count <= 1, $"{f.Key}'s {category(f.Key)} notification was queued {f.Value.Count} times"));
            Assert.True(DateTimeOffset.UtcNow < deadline, "not every applicant's notification left the outbox within 150 s");
            await Task.Delay(250);
            found = await OutboxAsync();
        }
        // A "sending" entry of the new process is about to be "sent"; give it the moment it needs.
        await Task.Delay(TimeSpan.FromSeconds(2));
        found = await OutboxAsync();

        var mail = Mail();
        foreach (var id in ids)
        {
            var told = mail.Count(m => ((m.Subject ?? "") + m.TextBody).Contains(id, StringComparison.Ordinal) &&
                                       m.Headers["X-Categories"] == category(id) &&
                                       m.To.Mailboxes.Any(b => b.Address == Mailbox.Applicant));
            Assert.True(told <= 1, $"{id}'s applicant was told {category(id)} {told} times");
            if (Assert.Single(found[id]) == "sent")
            {
                Assert.Equal(1, told);
            }
        }
    }

    private async Task<List<MimeMessage>> DigestsAsync(int expected)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (true)
        {
            var digests = Mail().Where(m => m.Headers["X-Categories"] == "WaveDigest").ToList();
            if (digests.Count >= expected)
            {
                // Time for a doubled digest to show, if one were coming.
                await Task.Delay(TimeSpan.FromSeconds(2));
                return Mail().Where(m => m.Headers["X-Categories"] == "WaveDigest").ToList();
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"only {digests.Count} wave digests were written within 120 s");
            await Task.Delay(250);
        }
    }

    private static async Task<HttpStatusCode> PostEmailAsync(LocalHostProcess host, InboundParsePost email)
    {
        using var content = email.Build();
        using var client = host.Client();
        using var response = await client.PostAsync(EmailIntakeFixture.Webhook, content);
        return response.StatusCode;
    }

    /// <summary>Sends one request per item at once, kills the host once <see cref="KillAfter"/> are answered.</summary>
    private static async Task<Dictionary<string, HttpStatusCode?>> BurstThenKillAsync(LocalHostProcess host,
        IReadOnlyList<string> items, Func<LocalHostProcess, string, Task<HttpStatusCode>> send)
    {
        var answered = 0;
        var enough = new TaskCompletionSource();
        var burst = items.Select(async item =>
        {
            try
            {
                var status = await send(host, item);
                if (Interlocked.Increment(ref answered) >= KillAfter)
                {
                    enough.TrySetResult();
                }
                return (item, (HttpStatusCode?)status);
            }
            catch (HttpRequestException)
            {
                return (item, null);
            }
            catch (TaskCanceledException)
            {
                return (item, null);
            }
        }).ToList();
        await enough.Task.WaitAsync(TimeSpan.FromSeconds(60));
        host.Kill();
        return (await Task.WhenAll(burst)).ToDictionary(a => a.item, a => a.Item2);
    }

    private static JsonObject Form(int i) =>
        Forms.Valid(i % 2 == 0 ? "Q35" : "Q36", $"Crash Test Consortium {i}");

    private static async Task<string> SubmitAsync(LocalHostProcess host, int i, string key)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(Form(i)) };
        request.Headers.Add("Idempotency-Key", key);
        using var response = await host.Intake().SendAsync(request);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>Even-numbered forms carry an Idempotency-Key; odd ones rely on the one-per-consortium rule.</summary>
    private static async Task<(HttpStatusCode Status, string? Reference)> SubmitResponseAsync(LocalHostProcess host, int i)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(Form(i)) };
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
        using var response = await host.Reviewer(Sha(id)).PostAsJsonAsync($"/api/applications/{id}/decision",
            Outcome(id) == "approved" ? Forms.Decision("approved") : Forms.Decision("rejected", la: false));
        return response.StatusCode;
    }

    private static Task RegisteredAsync(LocalHostProcess host, string id) =>
        StatusAsync(host, id, _ => true, TimeSpan.FromSeconds(90));

    private static Task DecidedAsync(LocalHostProcess host, string id) =>
        StatusAsync(host, id, s => s == Outcome(id), TimeSpan.FromSeconds(150));

    private static async Task StatusAsync(LocalHostProcess host, string id, Func<string, bool> until, TimeSpan within)
    {
        using var national = host.National();
        var deadline = DateTimeOffset.UtcNow + within;
        while (true)
        {
            using var response = await national.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));
            if (response.StatusCode == HttpStatusCode.OK &&
                until((await response.Content.ReadFromJsonAsync<JsonObject>())!["status"]!.GetValue<string>()))
            {
                return;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{id} did not reach the expected state within {within.TotalSeconds} s");
            await Task.Delay(250);
        }
    }

    private List<MimeMessage> Mail() =>
        [.. Directory.GetFiles(_pickup, "*.eml").Select(f => MimeMessage.Load(f))];
}
