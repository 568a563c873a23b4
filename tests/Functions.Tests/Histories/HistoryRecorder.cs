using System.Globalization;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Domain;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Tests.Histories;

/// <summary>
/// Runs today's code on Azurite, one host per orchestration version, through whole lives (reminders, escalation, a
/// late approval, the wave, go-live; and a withdrawal), and saves each instance's history. Every point where an
/// instance waited is a prefix of these (see <see cref="RecordedHistory.WaitingPoints"/>). By default it records into
/// a temporary folder and checks that what today's code writes replays; <c>scripts/record-histories.sh</c> sets
/// <c>PATHFINDER_RECORD_HISTORIES=1</c> to write them into tests/Functions.Tests/Histories/v{N}/ for committing.
/// </summary>
public sealed class HistoryRecorder : IDisposable
{
    private readonly string _output =
        Environment.GetEnvironmentVariable("PATHFINDER_RECORD_HISTORIES") == "1"
            ? RecordedHistory.Folder
            : Path.Combine(Path.GetTempPath(), "pathfinder-histories-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (_output != RecordedHistory.Folder && Directory.Exists(_output))
        {
            Directory.Delete(_output, recursive: true);
        }
    }

    [Theory]
    [InlineData("1")]
    [InlineData("2")]
    public async Task TodaysCode_RecordsHistoriesAtEveryWaitingPoint_ThatReplay(string version)
    {
        var goLive = UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(2);
        var noticeDue = DateTimeOffset.UtcNow.AddSeconds(40);
        using var app = PathfinderApp.With(
            ("AzureFunctionsJobHost:extensions:durableTask:defaultVersion", version),
            // Seconds instead of weeks, so whole lives pass while recording.
            ("Programme:ReviewPeriod", "00:00:09"),
            ("Programme:ReminderOffsets:0", "00:00:03"),
            ("Programme:ReminderOffsets:1", "00:00:06"),
            // Puts version 2's go-live notice 40 s from now for a go-live two days away.
            (
                "Programme:GoLiveNoticeLeadTime",
                (GoLive.StartsAt(goLive) - noticeDue).ToString("c", CultureInfo.InvariantCulture)
            )
        );
        var folder = Path.Combine(_output, "v" + version);

        // The withdrawal first: once it is registered the worker holds its partition, so the lifecycle's timers run
        // as they would in Azure rather than all at once after the lease.
        var withdrawn = await app.Intake().SubmitAsync(Forms.Valid("Q36", "Camden Recorded Consortium"));
        await app.WaitUntilRegisteredAsync(withdrawn);
        var lifecycle = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Recorded Consortium"));
        var reviewer = app.Reviewer("Q35");
        (await app.Reviewer("Q36").WithdrawAsync(withdrawn, "the practices will apply next year")).Dispose();
        await reviewer.EventuallyAsync(lifecycle, v =>
            v["timeline"]!
                .AsArray()
                .Any(t => t!["what"]!.GetValue<string>().StartsWith("Review deadline passed", StringComparison.Ordinal))
        );
        await reviewer.ApproveAsync(lifecycle);
        (await reviewer.SetGoLiveAsync(lifecycle, Iso(goLive))).Dispose();
        var now = DateTimeOffset.UtcNow;
        var wave = (await app.National().ScheduleWaveAsync(now.AddDays(7), now.AddDays(1)))["number"]!.GetValue<int>();
        (await app.National().AnnounceAsync(wave)).Dispose();
        await reviewer.WaitForStatusAsync(lifecycle, "announced");
        if (version == "2")
        {
            await Eventually(() => app.About(lifecycle).Any(m => m.Kind == "GoLiveNotice"));
        }
        (await reviewer.SetGoLiveAsync(lifecycle, Iso(UkTime.DateOf(DateTimeOffset.UtcNow)))).Dispose();
        await reviewer.WaitForStatusAsync(lifecycle, "live");
        await app.Reviewer("Q36").WaitForStatusAsync(withdrawn, "withdrawn");

        var service = app.Services.GetRequiredService<IOrchestrationServiceClient>();
        foreach (
            var (instance, name) in new[]
            {
                (lifecycle, "application-reminders-escalation-late-approval-wave-live"),
                (withdrawn, "application-withdrawn-under-review"),
                (WaveOrchestrator.InstanceId(wave), "wave-scheduled-announced-fan-out"),
            }
        )
        {
            var state = await Completed(service, instance);
            Assert.Equal(version, state.Version);
            RecordedHistory.Save(
                await service.GetOrchestrationHistoryAsync(instance, state.OrchestrationInstance.ExecutionId),
                Path.Combine(folder, name + ".json")
            );
        }

        foreach (var file in Directory.GetFiles(folder, "*.json"))
        {
            var history = RecordedHistory.Load(Path.GetRelativePath(RecordedHistory.Folder, file));
            Assert.All(RecordedHistory.WaitingPoints(history).Concat(RecordedHistory.QueuedCommandPoints(history)), p =>
                Assert.Null(RecordedHistory.Replay(p.Events))
            );
        }
    }

    private static async Task<OrchestrationState> Completed(IOrchestrationServiceClient service, string instance)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        OrchestrationState? state;
        while (
            (state = await service.GetOrchestrationStateAsync(instance, null))?.OrchestrationStatus
            != OrchestrationStatus.Completed
        )
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"{instance} did not complete within 60 s.");
            await Task.Delay(200);
        }
        return state;
    }

    private static async Task Eventually(Func<bool> done)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        while (!done())
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "Not reached within 120 s.");
            await Task.Delay(200);
        }
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
