using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Testing;
using Pathfinder.Testing.Durable;

namespace Pathfinder.Durable.Tests;

/// <summary>Two app instances on one storage account, racing over the same 200 applications.</summary>
public sealed class ConcurrencyTests
{
    private const int Instances = 200;

    [Fact]
    public async Task TwoWorkers_Run200InstancesToCompletion_WithoutCommittingAnyStepTwice()
    {
        var hub = Azurite.UniqueName("Race");
        var clock = DurableHost.NewClock();
        var effects = new EffectLog();
        await using var first = DurableHost.OnTables(Azurite.Shared.ConnectionString, hub, clock,
            ReviewStyleOrchestrator.Register, s => s.AddSingleton(effects));
        await using var second = DurableHost.OnTables(Azurite.Shared.ConnectionString, hub, clock,
            ReviewStyleOrchestrator.Register, s => s.AddSingleton(effects));
        DurableHost[] hosts = [first, second];
        var ids = Enumerable.Range(0, Instances).Select(i => $"eoi-{i:D3}").ToList();

        // Both workers tick continuously while the other calls arrive, so they collide on instances.
        using var stopTicking = new CancellationTokenSource();
        var tickers = hosts.Select(h => Task.Run(async () =>
        {
            while (!stopTicking.IsCancellationRequested)
            {
                await h.Worker.TickAsync(CancellationToken.None);
            }
        })).ToList();

        await Parallel.ForEachAsync(Enumerable.Range(0, Instances), new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, token) => await hosts[i % 2].Client.ScheduleNewOrchestrationInstanceAsync(
                nameof(ReviewStyleOrchestrator), $"consortium {i}", new StartOrchestrationOptions(ids[i]), token));
        // Decisions for even ids go through the worker that did not start them.
        await Parallel.ForEachAsync(Enumerable.Range(0, Instances).Where(i => i % 2 == 0),
            new ParallelOptions { MaxDegreeOfParallelism = 16 },
            async (i, token) => await hosts[(i + 1) % 2].Client.RaiseEventAsync(ids[i], ReviewStyleOrchestrator.DecisionEvent,
                "approved", token));

        clock.Advance(TimeSpan.FromDays(29));
        var deadline = DateTime.UtcNow.AddMinutes(2);
        while (DateTime.UtcNow < deadline &&
               (await first.Client.QueryInstancesAsync(new OrchestrationQuery([OrchestrationRuntimeStatus.Completed], PageSize: 1000)))
               .Instances.Count < Instances)
        {
            await Task.Delay(50);
        }
        await stopTicking.CancelAsync();
        await Task.WhenAll(tickers);

        for (var i = 0; i < Instances; i++)
        {
            var instance = await first.Client.GetInstanceAsync(ids[i], getInputsAndOutputs: true, getHistory: true);
            Assert.Equal(OrchestrationRuntimeStatus.Completed, instance!.RuntimeStatus);
            Assert.Equal(i % 2 == 0 ? "approved" : ReviewStyleOrchestrator.TimedOut, instance.ReadOutputAs<string>());
            var history = instance.History!;
            Assert.Single(history.OfType<ExecutionStarted>());
            Assert.Single(history.OfType<ExecutionCompleted>());
            Assert.Equal(i % 2 == 0 ? 1 : 0, history.OfType<EventRaised>().Count());
            var scheduled = history.OfType<TaskScheduled>().Select(t => t.TaskId).ToList();
            Assert.Equal(scheduled.Distinct().Count(), scheduled.Count);
            Assert.Equal(2, scheduled.Count);
            Assert.Contains($"acknowledged consortium {i}", effects.For(ids[i]));
        }
        Assert.Empty(await first.Store.GetDueAsync(clock.GetUtcNow().AddYears(1), 10, default));
    }
}
