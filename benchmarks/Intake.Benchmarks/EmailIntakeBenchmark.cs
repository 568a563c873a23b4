using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging.Abstractions;
using Pathfinder.Functions.Intake.Forms;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Testing;

namespace Pathfinder.Intake.Benchmarks;

/// <summary>
/// Posts N emails (default 200), each carrying a filled-in Word form for its own consortium, to the webhook of the
/// app running as its own process on Azurite, 8 at a time; one of them also carries a 25 MB attachment. Prints emails
/// per second and the app process's peak working set for a round without the large attachment and for the
/// round with it: the two should match, because the webhook streams attachments to Blob Storage. An email counts
/// only when the webhook answered that it started an application and that application's acknowledgement is in the
/// outbox; a round is timed until the last acknowledgement is there.
/// </summary>
internal static class EmailIntakeBenchmark
{
    private const string Key = TestTokens.IntakeKey;
    private const int Concurrency = 8;
    private const long HeapLimitBytes = 96L * 1024 * 1024;
    private static readonly int LargeAttachmentBytes =
        int.Parse(
            Environment.GetEnvironmentVariable("BENCH_LARGE_MB") ?? "25",
            System.Globalization.CultureInfo.InvariantCulture
        )
        * 1024
        * 1024;
    private const string Inbound = "pathfinders.q35@inbound.pathfinders.example.nhs.uk";
    private static readonly string[] EnvelopeTo = [Inbound];

    public static async Task<int> Main(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], CultureInfo.InvariantCulture) : 200;
        var root = RepositoryRoot.Find();
        var sample = Path.Combine(root, "samples", "expression-of-interest.docx");
        var docx = await File.ReadAllBytesAsync(sample);
        var consortium = IntakeForms
            .Read(null, [new IntakeAttachment("form.docx", "application/octet-stream", () => new MemoryStream(docx))])
            .Form.ConsortiumName
            ?? throw new InvalidOperationException($"{sample} names no consortium.");
        var mail = Path.Combine(Path.GetTempPath(), "pathfinder-bench-mail-" + Guid.NewGuid().ToString("N"));
        var prefix = Azurite.UniqueName("E");
        // The app runs as its own process (the local host) on Kestrel, so its memory is its own alone; a hard cap on
        // its managed heap: a webhook that held whole attachments would fail under it.
        using var host = await LocalHostProcess.StartAsync(
            prefix,
            mail,
            new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = $"0x{HeapLimitBytes:X}" }
        );
        var app = host.Process;
        using var client = new HttpClient { BaseAddress = host.Address, Timeout = TimeSpan.FromMinutes(5) };
        var outbox = new Outbox(
            new TableServiceClient(Azurite.Shared.ConnectionString),
            new NeverSends(),
            TimeProvider.System,
            NullLogger<Outbox>.Instance,
            prefix + "Outbox"
        );

        Console.WriteLine(
            $"Email intake benchmark: {count} emails with a Word form ({docx.Length / 1024} KB), "
                + $"{Concurrency} at a time, to the webhook of the app (its own process, managed heap capped at "
                + $"{HeapLimitBytes / 1048576} MB) on Azurite"
        );
        await RoundAsync(client, outbox, app, "warm-up", docx, consortium, 16, withLarge: false, round: 0);
        var plain = await RoundAsync(
            client,
            outbox,
            app,
            "forms only",
            docx,
            consortium,
            count,
            withLarge: false,
            round: 1
        );
        var large = await RoundAsync(
            client,
            outbox,
            app,
            $"one with {LargeAttachmentBytes / 1048576} MB",
            docx,
            consortium,
            count,
            withLarge: true,
            round: 2
        );
        Console.WriteLine(
            $"the app's peak working set grew by {(large.PeakHeap - plain.PeakHeap) / 1048576.0:F1} MB with a "
                + $"{LargeAttachmentBytes / 1048576} MB attachment in the round (it is streamed to Blob Storage, not "
                + $"held in memory)"
        );
        host.Kill();
        Directory.Delete(mail, recursive: true);
        return plain.Failed + large.Failed == 0 ? 0 : 1;
    }

    private static async Task<(int Failed, long PeakHeap)> RoundAsync(
        HttpClient client,
        Outbox outbox,
        Process process,
        string name,
        byte[] docx,
        string consortium,
        int count,
        bool withLarge,
        int round
    )
    {
        process.Refresh();
        var startWorkingSet = process.WorkingSet64;
        long peakHeap = 0,
            peakWorkingSet = 0;
        using var sampling = new CancellationTokenSource();
        var sampler = Task.Run(async () =>
        {
            while (!sampling.IsCancellationRequested)
            {
                process.Refresh();
                peakWorkingSet = Math.Max(peakWorkingSet, process.WorkingSet64);
                peakHeap = peakWorkingSet;
                await Task.Delay(20, CancellationToken.None);
            }
        });

        var started = new System.Collections.Concurrent.ConcurrentBag<string>();
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(
            Enumerable.Range(0, count),
            new ParallelOptions { MaxDegreeOfParallelism = Concurrency },
            async (i, ct) =>
            {
                var form = WithConsortium(docx, consortium, $"Benchmark Consortium {round}-{i:D4}");
                using var content = Email(i, form, withLarge && i == count / 2);
                using var response = await client.PostAsync($"/api/inbound/email?code={Key}", content, ct);
                var body = await response.Content.ReadAsStringAsync(ct);
                var receipt = response.StatusCode == HttpStatusCode.OK ? JsonNode.Parse(body) : null;
                if (
                    receipt?["status"]?.GetValue<string>() is { } status
                    && status.Equals("started", StringComparison.OrdinalIgnoreCase)
                    && receipt["applicationReference"]?.GetValue<string>() is { } reference
                )
                {
                    started.Add(reference);
                }
                else
                {
                    Console.Error.WriteLine($"email {i} started nothing: {(int)response.StatusCode} {body}");
                }
            }
        );
        // Answered is not yet acknowledged: the application's orchestration queues the acknowledgement.
        var acknowledged = await AcknowledgedAsync(outbox, [.. started]);
        watch.Stop();
        var failed = count - acknowledged;
        await sampling.CancelAsync();
        await sampler;
        if (round > 0)
        {
            Console.WriteLine(
                $"{name, -16}: {acknowledged} of {count} emails started an application and were acknowledged, "
                    + $"in {watch.Elapsed.TotalSeconds:F1} s = {acknowledged / watch.Elapsed.TotalSeconds:F1} "
                    + $"emails/s; "
                    + $"the app's peak working set {peakWorkingSet / 1048576.0:F0} MB "
                    + $"(from {startWorkingSet / 1048576.0:F0} MB); failures {failed}"
            );
        }
        return (failed, peakHeap);
    }

    /// <summary>
    /// How many of these applications have their acknowledgement in the outbox, once all do or, at the latest, after
    /// two minutes without one more arriving.
    /// </summary>
    private static async Task<int> AcknowledgedAsync(Outbox outbox, IReadOnlyCollection<string> references)
    {
        var acknowledged = 0;
        var lastProgress = Stopwatch.StartNew();
        while (true)
        {
            var entries = await outbox.ListAsync(null, 1_000_000, CancellationToken.None);
            var now = entries
                .Where(e => e.Categories.Contains("Acknowledgement"))
                .Select(e => e.InstanceId)
                .Intersect(references, StringComparer.Ordinal)
                .Count();
            if (now > acknowledged)
            {
                acknowledged = now;
                lastProgress.Restart();
            }
            if (acknowledged == references.Count || lastProgress.Elapsed > TimeSpan.FromMinutes(2))
            {
                return acknowledged;
            }
            await Task.Delay(100);
        }
    }

    /// <summary>The outbox is only read here: nothing is sent through it.</summary>
    private sealed class NeverSends : IEmailSender
    {
        public Task<EmailSendResult> SendAsync(EmailMessage message, CancellationToken ct) =>
            throw new InvalidOperationException("The benchmark reads the outbox; it sends nothing.");
    }

    /// <summary>The sample form with another consortium's name, so each email starts its own application.</summary>
    private static byte[] WithConsortium(byte[] docx, string from, string to) =>
        WordDocuments.ReplaceText(docx, from, to);

    private static MultipartFormDataContent Email(int i, byte[] form, bool large)
    {
        var content = new MultipartFormDataContent("xYzZY");
        void Field(string name, string value) => content.Add(new ByteArrayContent(Encoding.UTF8.GetBytes(value)), name);
        Field(
            "headers",
            $"From: Lead GP <lead{i}@practice.example.nhs.uk>\nMessage-ID: "
                + $"<{Guid.NewGuid():N}@practice.example.nhs.uk>\n"
        );
        Field("dkim", "{@practice.example.nhs.uk : pass}");
        Field("to", Inbound);
        Field("from", $"Lead GP <lead{i}@practice.example.nhs.uk>");
        Field("text", "Our expression of interest is attached.");
        Field("envelope", JsonSerializer.Serialize(new { to = EnvelopeTo, from = $"lead{i}@practice.example.nhs.uk" }));
        Field("attachments", large ? "2" : "1");
        Field("subject", "Expression of interest");
        Field("spam_score", "0.1");
        Field("charsets", """{"to":"UTF-8","from":"UTF-8","subject":"UTF-8","text":"utf-8"}""");
        Field("SPF", "pass");
        var word = new ByteArrayContent(form);
        word.Headers.ContentType = MediaTypeHeaderValue.Parse(
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
        );
        content.Add(word, "attachment1", "expression-of-interest.docx");
        if (large)
        {
            // Generated as it is sent, so the benchmark itself never holds 25 MB either.
            var scans = new StreamContent(new PatternStream(LargeAttachmentBytes));
            scans.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
            content.Add(scans, "attachment2", "scanned-signatures.pdf");
        }
        return content;
    }
}
