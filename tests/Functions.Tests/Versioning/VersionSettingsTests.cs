using System.Text.Json.Nodes;
using DurableTask.Core;
using Microsoft.AspNetCore.Builder;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Waves;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Versioning;

/// <summary>
/// The local host honours host.json's versioning settings as the Functions host does: new instances carry
/// <c>defaultVersion</c>; an instance newer than the worker is left on the queue (Reject) for a newer worker, while
/// older and unversioned ones run.
/// </summary>
public sealed class VersionSettingsTests : IDisposable
{
    private readonly string _prefix = Azurite.UniqueName("V");
    private readonly string _pickup = Path.Combine(
        Path.GetTempPath(),
        "pathfinder-version-" + Guid.NewGuid().ToString("N")
    );

    public void Dispose()
    {
        if (Directory.Exists(_pickup))
        {
            Directory.Delete(_pickup, recursive: true);
        }
    }

    [Fact]
    public async Task NewApplication_CarriesHostJsonsDefaultVersion()
    {
        var hostJson = JsonNode.Parse(await File.ReadAllTextAsync(Path.Combine(RepositoryRoot.Find(), "host.json")))!;
        var durable = hostJson["extensions"]!["durableTask"]!;
        Assert.Equal("CurrentOrOlder", durable["versionMatchStrategy"]!.GetValue<string>());
        Assert.Equal("Reject", durable["versionFailureStrategy"]!.GetValue<string>());
        using var app = new PathfinderApp();

        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Versioned Consortium"));
        await app.WaitUntilRegisteredAsync(id);

        var state = await app
            .Services.GetRequiredService<IOrchestrationServiceClient>()
            .GetOrchestrationStateAsync(id, null);
        Assert.Equal(durable["defaultVersion"]!.GetValue<string>(), state.Version);
    }

    [Fact]
    public async Task InstanceNewerThanTheWorker_WaitsForANewerWorker_WhileOlderAndUnversionedRun()
    {
        var farOff = DateTimeOffset.UtcNow.AddDays(30);
        await using (var current = await StartAsync("1"))
        {
            var client = current.Services.GetRequiredService<DurableTaskClient>();
            await ScheduleAsync(client, 9001, farOff, "");
            await ScheduleAsync(client, 9002, farOff, "1");
            await ScheduleAsync(client, 9003, farOff, "2");

            await RunningAsync(client, 9001);
            await RunningAsync(client, 9002);
            // The version-2 instance was handed to this worker with the others and put back: give it the time the
            // others took twice over, then it must still be waiting.
            await Task.Delay(TimeSpan.FromSeconds(3));
            Assert.Equal(
                OrchestrationRuntimeStatus.Pending,
                (await client.GetInstanceAsync(WaveOrchestrator.InstanceId(9003)))!.RuntimeStatus
            );
            await current.StopAsync();
        }

        await using var newer = await StartAsync("2");
        await RunningAsync(newer.Services.GetRequiredService<DurableTaskClient>(), 9003);
    }

    private Task<WebApplication> StartAsync(string defaultVersion) =>
        InProcessHost.StartAsync(
            _prefix,
            _pickup,
            [
                KeyValuePair.Create(
                    "AzureFunctionsJobHost:extensions:durableTask:defaultVersion",
                    (string?)defaultVersion
                ),
            ]
        );

    private static Task<string> ScheduleAsync(DurableTaskClient client, int wave, DateTimeOffset at, string version) =>
        client.ScheduleNewOrchestrationInstanceAsync(
            nameof(WaveOrchestrator),
            new WaveSchedule(wave, at),
            new StartOrchestrationOptions(WaveOrchestrator.InstanceId(wave)) { Version = new TaskVersion(version) }
        );

    private static async Task RunningAsync(DurableTaskClient client, int wave)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (
            (await client.GetInstanceAsync(WaveOrchestrator.InstanceId(wave)))?.RuntimeStatus
            != OrchestrationRuntimeStatus.Running
        )
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, $"Wave {wave}'s orchestration did not run within 60 s.");
            await Task.Delay(100);
        }
    }
}
