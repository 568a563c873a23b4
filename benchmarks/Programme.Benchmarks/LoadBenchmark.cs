using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Domain;
using Pathfinder.Functions.Intake.Forms;
using Pathfinder.Functions.Intake.Inbound;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// Reviewers and email intake at once against the app running as its own process (the local host) on Azurite.
/// 600 applications are seeded under review (60 per SHA, Q30..Q39). Then, for the run's length, 50 reviewers (5 per
/// SHA, each with a token of their SHA) loop: list their SHA's applications, open one, decide one, thinking 2 s
/// after each request; alongside, an email with a valid text form arrives at the Inbound Parse webhook 5 times a
/// second (each a new consortium of one of the ten SHAs, so intake adds work for the reviewers). Reviewers of one SHA
/// never race: each decides only the applications whose reference number falls to it (number mod reviewers of the
/// SHA), so every answer but 200/202 is an error. Prints p50/p95/p99 per route, errors, requests/s and the app's
/// working set sampled every 5 s; then steps of rising reviewer counts, with the same emails alongside, and the first
/// step whose p95 is more than twice the lowest of the steps before it: where latency starts to climb.
/// </summary>
internal static class LoadBenchmark
{
    private const int Reviewers = 50;
    private const int SeededPerSha = 60;
    private static readonly double EmailsPerSecond = double.Parse(
        Setting("BENCH_LOAD_EMAILS_PER_SECOND", "5"),
        CultureInfo.InvariantCulture
    );
    private const string List = "GET /api/applications";
    private const string Open = "GET /api/applications/{id}";
    private const string Decide = "POST /api/applications/{id}/decision";
    private const string Email = "POST /api/inbound/email";
    private static readonly string[] ReviewerRoutes = [List, Open, Decide];
    private static readonly TimeSpan Think = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan SampleEvery = TimeSpan.FromSeconds(5);
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(30);
    private static readonly TimeSpan Settle = TimeSpan.FromSeconds(30);

    /// <summary>
    /// Every application decided in this run: its list shows it under review until the decision is applied, and the
    /// next phase may give it to another reviewer, who must not decide it again.
    /// </summary>
    private static readonly ConcurrentDictionary<string, bool> Decided = new(StringComparer.Ordinal);

    public static async Task RunAsync(int seconds)
    {
        var steps = Setting("BENCH_LOAD_STEPS", "5,10,25,50,100,200")
            .Split(',')
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture))
            .ToArray();
        var step = TimeSpan.FromSeconds(
            int.Parse(Setting("BENCH_LOAD_STEP_SECONDS", "30"), CultureInfo.InvariantCulture)
        );
        var mail = Path.Combine(Path.GetTempPath(), "pathfinder-bench-mail-" + Guid.NewGuid().ToString("N"));
        using var host = await LocalHostProcess.StartAsync(Azurite.UniqueName("L"), mail);
        var forms = new TextForms();
        Console.WriteLine(
            $"Load: {Reviewers} reviewers ({Reviewers / 10} per SHA) for {seconds} s, each listing, opening and "
                + $"deciding "
                + $"with {Think.TotalSeconds:F0} s think time after each request, and {EmailsPerSecond} emails/s with "
                + $"a text form to the "
                + $"webhook; the app as its own process on Azurite ({Environment.ProcessorCount} cores, shared with "
                + $"this client and Azurite)"
        );

        var seeding = Stopwatch.StartNew();
        await SeedAsync(host);
        Console.WriteLine(
            $"  seeded {SeededPerSha * 10} applications under review ({SeededPerSha} per SHA) in "
                + $"{seeding.Elapsed.TotalSeconds:F0} s"
        );

        var memory = new List<(TimeSpan At, long Bytes)>();
        var (main, elapsed) = await PhaseAsync(host, forms, Reviewers, TimeSpan.FromSeconds(seconds), at =>
        {
            host.Process.Refresh();
            if (!host.Process.HasExited)
            {
                memory.Add((at, host.Process.WorkingSet64));
            }
        });
        Console.WriteLine($"  {"route", -38} {"latency", -70}");
        foreach (var route in main.Routes)
        {
            Console.WriteLine($"  {route, -38} {main.Summary(route)}");
        }
        Console.WriteLine($"  {"all reviewer requests", -38} {main.Summary(ReviewerRoutes)}");
        Console.WriteLine(
            $"  {main.Requests} requests in {elapsed.TotalSeconds:F0} s = {main.Requests / elapsed.TotalSeconds:F1}/s "
                + $"({main.Sorted(ReviewerRoutes).Count / elapsed.TotalSeconds:F1}/s from reviewers, "
                + $"{main.Sorted(Email).Count / elapsed.TotalSeconds:F1}/s emails); {main.Sorted(Decide).Count} "
                + $"decisions"
        );
        PrintErrors(main);
        PrintMemory(memory);

        // The main run's orchestrations finish their work first, so the first step does not pay for it.
        await Task.Delay(Settle);
        Console.WriteLine(
            $"Knee: {string.Join(", ", steps)} reviewers, {step.TotalSeconds:F0} s each after "
                + $"{Settle.TotalSeconds:F0} s to settle, "
                + "same think time and emails alongside (the applications left undecided and those arriving by email "
                + "are decided)"
        );
        var p95s = new List<(int Reviewers, double P95)>();
        foreach (var reviewers in steps)
        {
            var (recorded, took) = await PhaseAsync(host, forms, reviewers, step, null);
            var all = recorded.Sorted(ReviewerRoutes);
            var p95 = all.Count > 0 ? LatencyRecorder.Percentile(all, 95) : 0;
            p95s.Add((reviewers, p95));
            Console.WriteLine(
                $"  {reviewers, 4} reviewers: p95 {p95, 6:F0} ms (list {P95(recorded, List)}, open "
                    + $"{P95(recorded, Open)}, "
                    + $"decide {P95(recorded, Decide)}, email {P95(recorded, Email)} ms); "
                    + $"{all.Count / took.TotalSeconds, 5:F1} reviewer requests/s; errors {recorded.Errors}"
            );
            PrintErrors(recorded, quiet: true);
        }
        // The knee: the first step whose p95 is over twice the lowest p95 of the steps before it.
        var knee = Enumerable
            .Range(1, p95s.Count - 1)
            .Select(i => (Step: p95s[i], Lowest: p95s[..i].MinBy(s => s.P95)))
            .FirstOrDefault(s => s.Step.P95 > 2 * s.Lowest.P95);
        Console.WriteLine(
            knee.Step.Reviewers > 0
                ? $"  latency starts to climb at {knee.Step.Reviewers} reviewers: p95 {knee.Step.P95:F0} ms, over "
                    + $"twice the lowest "
                    + $"before it ({knee.Lowest.P95:F0} ms at {knee.Lowest.Reviewers})"
                : $"  no step's p95 is over twice that of a step before it: no knee up to {steps[^1]} reviewers"
        );
        host.Kill();
        Directory.Delete(mail, recursive: true);
    }

    /// <summary>Seeds the applications the reviewers start on, and waits until every one is registered.</summary>
    private static async Task SeedAsync(LocalHostProcess host)
    {
        var count = SeededPerSha * ShaCode.All.Count;
        using var intake = host.Intake();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, ct) =>
            {
                using var response = await intake.PostAsJsonAsync("/api/applications", BenchHost.Form("load", i), ct);
                if (response.StatusCode != HttpStatusCode.Accepted)
                {
                    throw new InvalidOperationException(
                        $"Seeding {i} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync(ct)}"
                    );
                }
            }
        );
        using var national = host.National();
        var deadline = DateTimeOffset.UtcNow.AddMinutes(5);
        while (
            (
                await national.GetFromJsonAsync<JsonArray>(
                    new Uri("/api/applications?status=underReview", UriKind.Relative)
                )
            )!.Count < count
        )
        {
            if (DateTimeOffset.UtcNow > deadline)
            {
                throw new TimeoutException(
                    $"The {count} seeded applications were not all registered within 5 minutes."
                );
            }
            await Task.Delay(500);
        }
    }

    /// <summary>
    /// <paramref name="reviewers"/> reviewers and the emails for <paramref name="length"/>; requests in flight at the
    /// end
    /// finish (each within the 30 s timeout), so a phase always ends. <paramref name="sample"/> runs every 5 s.
    /// </summary>
    private static async Task<(LatencyRecorder Recorded, TimeSpan Elapsed)> PhaseAsync(
        LocalHostProcess host,
        TextForms forms,
        int reviewers,
        TimeSpan length,
        Action<TimeSpan>? sample
    )
    {
        var recorder = new LatencyRecorder();
        using var stop = new CancellationTokenSource(length);
        var watch = Stopwatch.StartNew();
        var clients = Enumerable
            .Range(0, reviewers)
            .Select(r => host.Reviewer(ShaCode.All[r % 10].Code, $"Load Reviewer {r}"))
            .ToList();
        using var intake = host.Intake();
        intake.Timeout = RequestTimeout;
        var work = clients
            .Select(
                (client, r) =>
                {
                    client.Timeout = RequestTimeout;
                    // Reviewer r is the (r / 10)th of its SHA's reviewers; an SHA has reviewers / 10 of them, one more
                    // for the first few.
                    var ofSha = reviewers / 10 + (r % 10 < reviewers % 10 ? 1 : 0);
                    return ReviewAsync(client, r / 10, ofSha, Decided, recorder, stop.Token);
                }
            )
            .Append(SendEmailsAsync(intake, forms, recorder, stop.Token))
            .ToList();
        if (sample is not null)
        {
            work.Add(SampleAsync(sample, watch, stop.Token));
        }
        await Task.WhenAll(work);
        foreach (var client in clients)
        {
            client.Dispose();
        }
        if (host.Process.HasExited)
        {
            PrintErrors(recorder);
            var output = host.Output;
            throw new InvalidOperationException(
                $"The app exited with code {host.Process.ExitCode} during the run; its last output:\n"
                    + output[Math.Max(0, output.Length - 20_000)..]
            );
        }
        return (recorder, watch.Elapsed);
    }

    /// <summary>
    /// One reviewer: list, open one (the next of their own undecided applications, or any), decide it (approve or
    /// reject, alternately), with think time after each request, until stopped.
    /// </summary>
    private static async Task ReviewAsync(
        HttpClient client,
        int index,
        int ofSha,
        ConcurrentDictionary<string, bool> decided,
        LatencyRecorder recorder,
        CancellationToken stop
    )
    {
        var decisions = 0;
        var random = new Random(index * 7919 + ofSha);
        // Start at a random point of the first think time, so the reviewers do not move in step.
        if (!await PauseAsync(TimeSpan.FromMilliseconds(random.Next((int)Think.TotalMilliseconds)), stop))
        {
            return;
        }
        while (true)
        {
            var listed = await SendAsync(recorder, List, HttpStatusCode.OK, () =>
                client.GetAsync(new Uri("/api/applications", UriKind.Relative))
            );
            var items = listed is null ? [] : JsonNode.Parse(listed)!.AsArray().Select(a => a!).ToList();
            var mine = items.FirstOrDefault(a =>
                a["status"]!.GetValue<string>() == "underReview"
                && Number(a) % ofSha == index
                && !decided.ContainsKey(Id(a))
            );
            var chosen = mine ?? (items.Count > 0 ? items[random.Next(items.Count)] : null);
            if (!await PauseAsync(Think, stop))
            {
                return;
            }
            if (chosen is not null)
            {
                await SendAsync(recorder, Open, HttpStatusCode.OK, () =>
                    client.GetAsync(new Uri($"/api/applications/{Id(chosen)}", UriKind.Relative))
                );
                if (!await PauseAsync(Think, stop))
                {
                    return;
                }
            }
            if (mine is not null)
            {
                var body = decisions++ % 2 == 0 ? BenchHost.Approval() : BenchHost.Rejection();
                decided[Id(mine)] = true;
                await SendAsync(recorder, Decide, HttpStatusCode.Accepted, () =>
                    client.PostAsJsonAsync($"/api/applications/{Id(mine)}/decision", body)
                );
                if (!await PauseAsync(Think, stop))
                {
                    return;
                }
            }
        }
    }

    /// <summary>Emails at a steady rate, each sent without waiting for the last: a slow webhook does not slow the
    /// arrivals.</summary>
    private static async Task SendEmailsAsync(
        HttpClient intake,
        TextForms forms,
        LatencyRecorder recorder,
        CancellationToken stop
    )
    {
        var sent = new List<Task>();
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(1 / EmailsPerSecond));
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                sent.Add(PostEmailAsync(intake, forms, recorder));
            }
        }
        catch (OperationCanceledException)
        {
            // The phase is over.
        }
        await Task.WhenAll(sent);
    }

    private static async Task PostEmailAsync(HttpClient intake, TextForms forms, LatencyRecorder recorder)
    {
        var (sha, text) = forms.Next();
        var email = new InboundParsePost
        {
            To = forms.Addresses[sha.Code],
            Subject = "Expression of interest",
            Text = text,
        };
        var receipt = await SendAsync(recorder, Email, HttpStatusCode.OK, async () =>
        {
            using var content = email.Build();
            return await intake.PostAsync(new Uri("/api/inbound/email", UriKind.Relative), content);
        });
        if (
            receipt is not null
            && JsonNode.Parse(receipt)!["status"]!.GetValue<string>() is var status
            && status != "started"
        )
        {
            recorder.Error(Email, $"the email was {status}, not started");
        }
    }

    /// <summary>
    /// Sends one request, timing it until its body is read (or until it timed out); null (and an error recorded)
    /// unless it answered <paramref name="expected"/>.
    /// </summary>
    private static async Task<string?> SendAsync(
        LatencyRecorder recorder,
        string route,
        HttpStatusCode expected,
        Func<Task<HttpResponseMessage>> send
    )
    {
        var watch = Stopwatch.StartNew();
        try
        {
            using var response = await send();
            var body = await response.Content.ReadAsStringAsync();
            recorder.Record(route, watch.Elapsed);
            if (response.StatusCode == expected)
            {
                return body;
            }
            recorder.Error(route, $"{(int)response.StatusCode} {body[..Math.Min(body.Length, 200)]}");
        }
        catch (TaskCanceledException)
        {
            // Counted at the time given up after, so a route whose requests time out still shows in the figures.
            recorder.Record(route, watch.Elapsed);
            recorder.Error(route, $"no answer within {RequestTimeout.TotalSeconds:F0} s");
        }
        catch (HttpRequestException e)
        {
            recorder.Error(route, e.Message);
        }
        return null;
    }

    private static async Task SampleAsync(Action<TimeSpan> sample, Stopwatch watch, CancellationToken stop)
    {
        sample(watch.Elapsed);
        using var timer = new PeriodicTimer(SampleEvery);
        try
        {
            while (await timer.WaitForNextTickAsync(stop))
            {
                sample(watch.Elapsed);
            }
        }
        catch (OperationCanceledException)
        {
            // The phase is over.
        }
    }

    private static async Task<bool> PauseAsync(TimeSpan pause, CancellationToken stop)
    {
        try
        {
            await Task.Delay(pause, stop);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    private static void PrintErrors(LatencyRecorder recorded, bool quiet = false)
    {
        if (!quiet || recorded.Errors > 0)
        {
            Console.WriteLine(
                $"  errors: {recorded.Errors} (5xx, timeouts, refused connections, any other unexpected answer)"
            );
        }
        foreach (var (cause, count) in recorded.ErrorsByCause.OrderByDescending(e => e.Value).Take(10))
        {
            Console.WriteLine($"    {count} x {cause}");
        }
        if (recorded.ErrorTimes is { Count: > 0 } times)
        {
            // Errors by the 10 s window they were recorded in (a timeout is recorded 30 s after its request was sent).
            Console.WriteLine(
                "    errors per 10 s: "
                    + string.Join(
                        ", ",
                        times.GroupBy(t => (int)(t.TotalSeconds / 10)).Select(g => $"+{g.Key * 10} s: {g.Count()}")
                    )
            );
        }
    }

    /// <summary>First minute after the warm-up against the last minute, and the peak.</summary>
    private static void PrintMemory(List<(TimeSpan At, long Bytes)> samples)
    {
        var end = samples[^1].At;
        var first = samples.Where(s => s.At >= WarmUp && s.At < WarmUp + TimeSpan.FromMinutes(1)).ToList();
        var last = samples.Where(s => s.At > end - TimeSpan.FromMinutes(1)).ToList();
        if (first.Count == 0)
        {
            first = samples;
        }
        var firstMb = first.Average(s => s.Bytes) / 1048576;
        var lastMb = last.Average(s => s.Bytes) / 1048576;
        var change = (lastMb - firstMb) / firstMb;
        Console.WriteLine(
            $"  the app's working set every {SampleEvery.TotalSeconds:F0} s: {samples[0].Bytes / 1048576.0:F0} MB at "
                + $"the start; "
                + $"first minute after {WarmUp.TotalSeconds:F0} s warm-up {firstMb:F0} MB on average, last minute "
                + $"{lastMb:F0} MB "
                + $"({change:+0%;-0%}), max {samples.Max(s => s.Bytes) / 1048576.0:F0} MB: "
                + (Math.Abs(change) <= 0.10 ? "flat (within 10%)" : "NOT flat (more than 10% apart)")
        );
        Console.WriteLine(
            $"    samples (MB): "
                + $"{string.Join(" ", samples.Select(s => (s.Bytes / 1048576).ToString(CultureInfo.InvariantCulture)))}"
        );
    }

    private static string P95(LatencyRecorder recorded, string route) =>
        recorded.Sorted(route) is { Count: > 0 } sorted
            ? LatencyRecorder.Percentile(sorted, 95).ToString("F0", CultureInfo.InvariantCulture)
            : "-";

    private static string Id(JsonNode application) => application["id"]!.GetValue<string>();

    /// <summary>The number of a reference such as Q35-0042.</summary>
    private static int Number(JsonNode application) =>
        int.Parse(Id(application).AsSpan(4), CultureInfo.InvariantCulture);

    private static string Setting(string name, string otherwise) =>
        Environment.GetEnvironmentVariable(name) ?? otherwise;

    /// <summary>
    /// The sample text form (samples/expression-of-interest.txt) as a new consortium each time: its own name, its own
    /// practices, and one of the ten SHAs in turn, sent to that SHA's inbound address.
    /// </summary>
    private sealed class TextForms
    {
        private readonly string _sample = File.ReadAllText(
            Path.Combine(RepositoryRoot.Find(), "samples", "expression-of-interest.txt")
        );
        private readonly ExpressionOfInterestForm _form;
        private int _count;

        public TextForms() => _form = IntakeForms.Read(_sample, []).Form;

        public Dictionary<string, string> Addresses { get; } = new EmailIntakeOptions().ShaAddresses;

        public (ShaCode Sha, string Text) Next()
        {
            var n = Interlocked.Increment(ref _count);
            var sha = ShaCode.All[n % 10];
            var text = _sample
                .Replace(_form.ConsortiumName!, $"Load Email Consortium {n:D5}", StringComparison.Ordinal)
                .Replace($": {_form.ShaCode}", $": {sha.Code}", StringComparison.Ordinal);
            foreach (var (practice, i) in _form.Practices!.Select((p, i) => (p!, i)))
            {
                text = text.Replace(practice.Code!, $"M{n * 3 + i:D5}", StringComparison.Ordinal);
            }
            return (sha, text);
        }
    }
}
