using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>
/// Workflows out of step on the real backend (Azure Storage on Azurite): an instance terminated behind the app's
/// back, one whose activity keeps failing (its table answers 503), and one deleted from the task hub. Each is listed
/// with its reason, and restarting it from the record brings it back to the right state, deadline and reminders,
/// with no email sent twice; terminating records the reason.
/// </summary>
public sealed class OutOfStepTests
{
    [Fact]
    public async Task TerminatedBehindTheAppsBack_IsListed_AndARestartSendsTheMissedReminderKeepingTheDeadline()
    {
        using var app = PathfinderApp.With(
            ("Programme:ReviewPeriod", "00:00:40"),
            ("Programme:ReminderOffsets:0", "00:00:12"),
            ("Programme:ReminderOffsets:1", "00:00:24")
        );
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Terminated Consortium"));
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        await Eventually.UntilAsync(
            $"{id} to wait for its first reminder",
            TimeSpan.FromSeconds(30),
            () => durable.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.SerializedCustomStatus is not null,
            i => i?.RuntimeStatus.ToString() ?? "no instance"
        );
        var before = await app.National().ApplicationAsync(id);

        await durable.TerminateInstanceAsync(id, "Terminated by hand in the portal");
        await durable.WaitForInstanceCompletionAsync(id);
        var listed = await ListedAsync(app, id, "terminated");
        Assert.Equal("Terminated by hand in the portal", listed["lastError"]!.GetValue<string>());
        Assert.Equal("underReview", listed["recordStatus"]!.GetValue<string>());
        Assert.Contains("terminated", listed["what"]!.GetValue<string>(), StringComparison.Ordinal);

        // The first reminder falls due while nothing runs.
        var receivedAt = before["receivedAt"]!.GetValue<DateTimeOffset>();
        var firstReminder = receivedAt.AddSeconds(12);
        await Task.Delay(Max(TimeSpan.Zero, firstReminder.AddSeconds(1) - DateTimeOffset.UtcNow));
        Assert.DoesNotContain(app.KindsAbout(id), k => k == "ReviewReminder");

        using (var restart = await app.National().PostAsync(Restart(id), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        }
        // A second press finds it in step: nothing more starts.
        using (var again = await app.National().PostAsync(Restart(id), null))
        {
            await again.ProblemAsync(HttpStatusCode.Conflict);
        }

        var overdue = await app.National()
            .EventuallyAsync(
                id,
                v => Lines(v).Any(l => l.What.StartsWith("Review deadline passed", StringComparison.Ordinal)),
                TimeSpan.FromSeconds(90)
            );
        Assert.Equal(
            before["reviewDeadline"]!.GetValue<DateTimeOffset>(),
            overdue["reviewDeadline"]!.GetValue<DateTimeOffset>()
        );
        var timeline = Lines(overdue);
        Assert.Single(timeline, l =>
            l.What.StartsWith("Workflow restarted from the record", StringComparison.Ordinal) && l.By == "National Team"
        );
        Assert.Equal(2, timeline.Count(l => l.What.StartsWith("Reminder", StringComparison.Ordinal)));
        Assert.Single(timeline, l => l.What.StartsWith("Review deadline passed", StringComparison.Ordinal));
        // The missed reminder went at the restart, the second on time; nothing already sent went again.
        await Eventually.UntilAsync(
            $"the escalation about {id}",
            TimeSpan.FromSeconds(30),
            () => app.KindsAbout(id),
            k => k.Contains("Escalation"),
            k => string.Join(", ", k)
        );
        Assert.Equal(2, app.About(id).Count(m => m.Kind == "ReviewReminder"));
        Assert.Single(app.About(id), m => m.Kind == "Acknowledgement");
        Assert.Single(app.About(id), m => m.Kind == "NewApplication");
        Assert.DoesNotContain(await OutOfStepAsync(app), e => e["reference"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task AnActivityThatKeepsFailing_IsListedAsStuck_TerminatedWithAReason_ThenRestartedOnceStorageIsBack()
    {
        await using var storage = await FaultyStorage.StartAsync(failureShare: 0);
        using var app = PathfinderApp.With(
            ("AzureWebJobsStorage", storage.ConnectionString),
            ("Workflows:StuckAfter", "00:00:05")
        );
        _ = app.App;
        // The outbox's table is down: the acknowledgement cannot be queued, and its activity fails on every retry.
        storage.Unavailable = (_, path) => path.Contains("Outbox", StringComparison.OrdinalIgnoreCase);
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q36", "Camden Stuck Consortium"));
        await app.WaitUntilRegisteredAsync(id);
        var before = await app.National().ApplicationAsync(id);

        var stuck = await ListedAsync(app, id, "stuck");
        Assert.Equal("Its workflow has not finished starting.", stuck["what"]!.GetValue<string>());

        using (var blank = await app.National().PostAsJsonAsync(Terminate(id), new { reason = "  " }))
        {
            var problem = await blank.ProblemAsync(HttpStatusCode.BadRequest);
            Assert.Contains("reason", problem["errors"]!.AsObject().Select(e => e.Key));
        }
        using (
            var terminated = await app.National()
                .PostAsJsonAsync(Terminate(id), new { reason = "The outbox table is down" })
        )
        {
            Assert.Equal(HttpStatusCode.OK, terminated.StatusCode);
        }
        var listed = await ListedAsync(app, id, "terminated");
        Assert.StartsWith(
            "The outbox table is down",
            listed["lastError"]!.GetValue<string>(),
            StringComparison.Ordinal
        );
        Assert.Contains(Lines(await app.National().ApplicationAsync(id)), l =>
            l.What == "Workflow terminated: The outbox table is down" && l.By == "National Team"
        );
        using (var twice = await app.National().PostAsJsonAsync(Terminate(id), new { reason = "again" }))
        {
            await twice.ProblemAsync(HttpStatusCode.Conflict);
        }

        storage.Unavailable = null;
        using (var restart = await app.National().PostAsync(Restart(id), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        }
        await Eventually.UntilAsync(
            $"the acknowledgement and new-application notice about {id}",
            TimeSpan.FromSeconds(60),
            () => app.KindsAbout(id),
            k => k.Contains("Acknowledgement") && k.Contains("NewApplication"),
            k => string.Join(", ", k)
        );
        var after = await app.National().ApplicationAsync(id);
        Assert.Equal("underReview", after["status"]!.GetValue<string>());
        Assert.Equal(
            before["reviewDeadline"]!.GetValue<DateTimeOffset>(),
            after["reviewDeadline"]!.GetValue<DateTimeOffset>()
        );
        Assert.Single(app.About(id), m => m.Kind == "Acknowledgement");
        await Eventually.UntilAsync(
            $"{id} to be in step",
            TimeSpan.FromSeconds(30),
            () => OutOfStepAsync(app),
            list => list.All(e => e["reference"]!.GetValue<string>() != id),
            list => new JsonArray([.. list.Select(e => e.DeepClone())]).ToJsonString()
        );
    }

    [Fact]
    public async Task DeletedFromTheTaskHubWhenApproved_IsListedAsMissing_AndARestartWaitsForItsWave()
    {
        using var app = new PathfinderApp();
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Deleted Consortium"));
        var reviewer = app.Reviewer("Q35");
        await reviewer.ApproveAsync(id);
        var durable = app.Services.GetRequiredService<DurableTaskClient>();
        await Eventually.UntilAsync(
            $"{id} to wait for its wave",
            TimeSpan.FromSeconds(30),
            () => durable.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.SerializedCustomStatus?.Contains("approved", StringComparison.Ordinal) == true,
            i => i?.SerializedCustomStatus ?? "no status"
        );
        await durable.TerminateInstanceAsync(id, "cleaning up");
        await durable.WaitForInstanceCompletionAsync(id);
        Assert.Equal(1, (await durable.PurgeInstanceAsync(id)).PurgedInstanceCount);

        var missing = await ListedAsync(app, id, "missing");
        Assert.Equal("approved", missing["recordStatus"]!.GetValue<string>());
        using (var restart = await app.National().PostAsync(Restart(id), null))
        {
            Assert.Equal(HttpStatusCode.Accepted, restart.StatusCode);
        }
        await Eventually.UntilAsync(
            $"{id} to wait for its wave again",
            TimeSpan.FromSeconds(30),
            () => durable.GetInstanceAsync(id, getInputsAndOutputs: true),
            i => i?.SerializedCustomStatus?.Contains("approved", StringComparison.Ordinal) == true,
            i => i?.SerializedCustomStatus ?? "no status"
        );

        var now = DateTimeOffset.UtcNow;
        var wave = await app.National().ScheduleWaveAsync(now.AddDays(7), now.AddDays(1));
        (await app.National().AnnounceAsync(wave["number"]!.GetValue<int>())).Dispose();
        await reviewer.WaitForStatusAsync(id, "announced");
        await Eventually.UntilAsync(
            $"the announcement email about {id}",
            TimeSpan.FromSeconds(30),
            () => app.KindsAbout(id),
            k => k.Contains("Announced"),
            k => string.Join(", ", k)
        );
        Assert.Single(app.About(id), m => m.Kind == "Approved");
        Assert.Single(app.About(id), m => m.Kind == "Acknowledgement");
        Assert.DoesNotContain(await OutOfStepAsync(app), e => e["reference"]!.GetValue<string>() == id);

        // Ended applications have nothing to restart; unknown ones are not found.
        using (var unknown = await app.National().PostAsync(Restart("Q35-9999"), null))
        {
            await unknown.ProblemAsync(HttpStatusCode.NotFound);
        }
    }

    private static Uri Restart(string id) => new($"/api/workflows/{id}/restart", UriKind.Relative);

    private static Uri Terminate(string id) => new($"/api/workflows/{id}/terminate", UriKind.Relative);

    private static TimeSpan Max(TimeSpan a, TimeSpan b) => a > b ? a : b;

    private static async Task<IReadOnlyList<JsonObject>> OutOfStepAsync(PathfinderApp app) =>
        [.. (await app.National().GetFromJsonAsync<JsonArray>("/api/workflows"))!.Select(e => e!.AsObject())];

    /// <summary>The application's entry in the list once it is there with this kind (at most 30 s).</summary>
    private static async Task<JsonObject> ListedAsync(PathfinderApp app, string id, string kind)
    {
        var list = await Eventually.UntilAsync(
            $"{id} to be listed as {kind}",
            TimeSpan.FromSeconds(30),
            () => OutOfStepAsync(app),
            l => l.Any(e => e["reference"]!.GetValue<string>() == id && e["kind"]!.GetValue<string>() == kind),
            l => new JsonArray([.. l.Select(e => e.DeepClone())]).ToJsonString()
        );
        return list.Single(e => e["reference"]!.GetValue<string>() == id);
    }

    private static List<(string What, string By)> Lines(JsonObject view) =>
        [.. view["timeline"]!.AsArray().Select(t => (t!["what"]!.GetValue<string>(), t["by"]!.GetValue<string>()))];
}
