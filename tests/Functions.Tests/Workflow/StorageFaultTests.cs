using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Domain;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;
using Xunit.Abstractions;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>
/// A whole programme of 100 applications while one storage request in fifty fails (503 before it lands, 500 after it
/// has been applied, or a dropped connection): clients retry as clients do, and nothing is lost, nothing is refused
/// falsely, nobody is told anything twice, and every application goes live.
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

        var ids = new string[Applications];
        await Parallel.ForEachAsync(Enumerable.Range(0, Applications), new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (i, _) =>
        {
            var form = Forms.Valid(i % 2 == 0 ? "Q35" : "Q36", $"Faulty Storage Consortium {i}");
            var key = $"fault-{i}";
            var answer = await RetryAsync(() =>
            {
                var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications") { Content = JsonContent.Create(form) };
                request.Headers.Add("Idempotency-Key", key);
                return app.Intake().SendAsync(request);
            }, refusals, $"submission {i}");
            ids[i] = answer!["id"]!.GetValue<string>();
            await ViewAsync(app, ids[i], _ => true);
            await RetryAsync(() => app.Reviewer(ids[i][..3]).DecideAsync(ids[i], Forms.Decision("approved")), refusals, $"decision {ids[i]}");
            await ViewAsync(app, ids[i], v => v["status"]!.GetValue<string>() == "approved");
        });
        var now = DateTimeOffset.UtcNow;
        var wave = await RetryAsync(() => app.National().PostAsJsonAsync("/api/waves", new { announceAt = now.AddDays(7), cutoff = now.AddDays(1) }),
            refusals, "wave");
        await RetryAsync(() => app.National().AnnounceAsync(wave!["number"]!.GetValue<int>()), refusals, "announcement");
        var today = UkTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        await Parallel.ForEachAsync(ids, new ParallelOptions { MaxDegreeOfParallelism = 8 }, async (id, _) =>
        {
            await ViewAsync(app, id, v => v["status"]!.GetValue<string>() == "announced");
            await RetryAsync(() => app.Reviewer(id[..3]).SetGoLiveAsync(id, today), refusals, $"go-live {id}");
            await ViewAsync(app, id, v => v["status"]!.GetValue<string>() == "live");
        });
        storage.FailureShare = 0;

        output.WriteLine($"{storage.Failed} of {storage.Requests} storage requests failed ({100.0 * storage.Failed / storage.Requests:F1}%)");
        Assert.Empty(refusals);
        Assert.True(storage.Failed > 100, $"only {storage.Failed} storage requests failed: the test did not test much");
        Assert.Equal(Applications, ids.Distinct().Count());
        var listed = (await app.National().GetFromJsonAsync<JsonArray>("/api/applications"))!;
        Assert.Equal(Applications, listed.Count);
        foreach (var id in ids)
        {
            var toApplicant = app.About(id).Where(m => m.IsTo(Mailbox.Applicant)).Select(m => m.Kind).ToList();
            Assert.Equal(toApplicant.Distinct(), toApplicant);
        }
    }

    /// <summary>
    /// Sends until the answer is not a server failure, as a client would; a 409 is recorded as a refusal (no request
    /// here should be refused). Returns the accepted answer's body.
    /// </summary>
    private static async Task<JsonObject?> RetryAsync(Func<Task<HttpResponseMessage>> send, List<string> refusals, string what)
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
                    Assert.True(response.IsSuccessStatusCode || response.StatusCode == HttpStatusCode.Conflict,
                        $"{what} answered {response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
                    return response.Content.Headers.ContentLength == 0 ? null : await response.Content.ReadFromJsonAsync<JsonObject>();
                }
            }
            catch (HttpRequestException) when (attempt < 20)
            {
                // The answer was lost: send again.
            }
            Assert.True(attempt < 20, $"{what} failed 20 times");
            await Task.Delay(100 * attempt);
        }
    }

    /// <summary>The application once it satisfies <paramref name="until"/>; reads that fail are read again.</summary>
    private static async Task ViewAsync(PathfinderApp app, string id, Func<JsonObject, bool> until)
    {
        // Bounded, but generously: when a failed queue update had in fact been applied, the Azure Storage provider has
        // lost the message's pop receipt and the message waits out its 30 s visibility timeout, sometimes several times.
        var deadline = DateTimeOffset.UtcNow.AddMinutes(6);
        using var national = app.National();
        while (true)
        {
            try
            {
                using var response = await national.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK && until((await response.Content.ReadFromJsonAsync<JsonObject>())!))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Read again.
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{id} did not reach the expected state within 6 minutes");
            await Task.Delay(200);
        }
    }
}
