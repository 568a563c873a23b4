using Pathfinder.Testing;
using Pathfinder.Testing.Durable;

namespace Pathfinder.Durable.Tests;

/// <summary>
/// The process dies at each storage write of a run in turn, once before the write reaches storage and
/// once after; a new process takes over and repeats what its caller saw fail. Every instance must still
/// finish with the right outcome, every activity's effect must be seen, and nothing may be left due.
/// </summary>
public sealed class CrashRecoveryTests
{
    private static readonly string[] Consortia = ["Fenland", "Peterborough", "Huntingdon"];

    /// <summary>What callers do, in order: three submissions, two decisions, then four weeks pass.</summary>
    private static IReadOnlyList<Func<DurableHost, Task>> Operations(Microsoft.Extensions.Time.Testing.FakeTimeProvider clock) =>
    [
        h => Start(h, 0),
        h => Start(h, 1),
        h => Start(h, 2),
        h => h.Client.RaiseEventAsync("eoi-0", ReviewStyleOrchestrator.DecisionEvent, "approved"),
        h => h.Client.RaiseEventAsync("eoi-1", ReviewStyleOrchestrator.DecisionEvent, "rejected"),
        async h =>
        {
            clock.Advance(TimeSpan.FromDays(29));
            await h.Worker.TickAsync();
        },
    ];

    [Fact]
    public async Task ACrashAtAnyStorageWrite_LosesNothing_AndEveryInstanceFinishes()
    {
        var writes = await CountWritesOfACleanRun();
        Assert.InRange(writes, 10, 200);

        var failures = new List<string>();
        for (var crashAt = 1; crashAt <= writes; crashAt++)
        {
            foreach (var afterWrite in new[] { false, true })
            {
                var problem = await RunWithCrash(crashAt, afterWrite);
                if (problem is not null)
                {
                    failures.Add($"crash at write {crashAt} ({(afterWrite ? "after" : "before")}): {problem}");
                }
            }
        }
        Assert.Empty(failures);
    }

    private static async Task<int> CountWritesOfACleanRun()
    {
        var counter = new StorageRequestCounter();
        var clock = DurableHost.NewClock();
        await using var host = DurableHost.OnTables(Azurite.Shared.ConnectionString, Azurite.UniqueName("Clean"), clock,
            ReviewStyleOrchestrator.Register, null, counter);
        foreach (var operation in Operations(clock))
        {
            await operation(host);
        }
        return (int)counter.Writes;
    }

    private static async Task<string?> RunWithCrash(int crashAt, bool afterWrite)
    {
        var hub = Azurite.UniqueName("Crash");
        var clock = DurableHost.NewClock();
        var effects = new EffectLog();
        var operations = Operations(clock);
        var crash = new CrashAtWritePolicy(crashAt, afterWrite);

        var resumeFrom = operations.Count;
        await using (var doomed = DurableHost.OnTables(Azurite.Shared.ConnectionString, hub, clock,
                         ReviewStyleOrchestrator.Register, s => s.AddSingletonEffects(effects), crash))
        {
            for (var i = 0; i < operations.Count; i++)
            {
                try
                {
                    await operations[i](doomed);
                }
                catch (SimulatedCrashException)
                {
                }
                if (crash.Crashed)
                {
                    resumeFrom = i;
                    break;
                }
            }
        }

        if (!crash.Crashed)
        {
            return "the fault was never injected";
        }

        await using var survivor = DurableHost.OnTables(Azurite.Shared.ConnectionString, hub, clock,
            ReviewStyleOrchestrator.Register, s => s.AddSingletonEffects(effects));
        foreach (var operation in operations.Skip(resumeFrom))
        {
            await operation(survivor);
        }
        await survivor.Worker.TickAsync();

        string[] expected = ["approved", "rejected", ReviewStyleOrchestrator.TimedOut];
        for (var i = 0; i < Consortia.Length; i++)
        {
            var instance = await survivor.Client.GetInstanceAsync($"eoi-{i}", getInputsAndOutputs: true, getHistory: true);
            if (instance is not { RuntimeStatus: OrchestrationRuntimeStatus.Completed })
            {
                return $"eoi-{i} is {instance?.RuntimeStatus.ToString() ?? "missing"}";
            }
            if (instance.ReadOutputAs<string>() != expected[i])
            {
                return $"eoi-{i} ended '{instance.ReadOutputAs<string>()}', expected '{expected[i]}'";
            }
            var seen = effects.For($"eoi-{i}");
            if (!seen.Contains($"acknowledged {Consortia[i]}") || !seen.Contains(expected[i]))
            {
                return $"eoi-{i} effects were [{string.Join(", ", seen)}]";
            }
            if (instance.History!.OfType<ExecutionCompleted>().Count() != 1 ||
                instance.History!.OfType<TaskScheduled>().Select(t => t.TaskId).Distinct().Count() != 2)
            {
                return $"eoi-{i} history is not one clean run: {string.Join(", ", instance.History!.Select(e => e.GetType().Name))}";
            }
        }
        if ((await survivor.Store.GetDueAsync(clock.GetUtcNow().AddYears(1), 10, default)).Count > 0)
        {
            return "an instance is still marked due";
        }
        var completed = await survivor.Client.QueryInstancesAsync(new OrchestrationQuery([OrchestrationRuntimeStatus.Completed]));
        return completed.Instances.Count == 3 ? null : $"the index lists {completed.Instances.Count} completed instances";
    }

    private static Task<string> Start(DurableHost host, int i) =>
        host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), Consortia[i],
            new StartOrchestrationOptions($"eoi-{i}"));
}

internal static class EffectServices
{
    public static void AddSingletonEffects(this Microsoft.Extensions.DependencyInjection.IServiceCollection services,
        EffectLog effects) =>
        Microsoft.Extensions.DependencyInjection.ServiceCollectionServiceExtensions.AddSingleton(services, effects);
}
