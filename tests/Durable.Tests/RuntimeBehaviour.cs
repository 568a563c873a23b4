using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;
using Pathfinder.Testing;
using Pathfinder.Testing.Durable;

namespace Pathfinder.Durable.Tests;

/// <summary>
/// What users of the runtime rely on, checked against each store (see the subclasses): the same tests
/// on the in-memory store and on Table Storage in Azurite.
/// </summary>
public abstract class RuntimeBehaviour : IAsyncDisposable
{
    private readonly List<DurableHost> _hosts = [];

    protected FakeTimeProvider Clock { get; } = DurableHost.NewClock();

    protected EffectLog Effects { get; } = new();

    protected Attempts Attempts { get; } = new();

    protected CapturedLogs Logs { get; } = new();

    /// <summary>A new "process" on this test's storage.</summary>
    protected DurableHost StartHost(Action<DurableTaskRegistry>? register = null)
    {
        var host = CreateHost(register ?? Workflows.RegisterAll, services =>
        {
            services.AddSingleton(Effects).AddSingleton(Attempts);
            services.AddLogging(logging => logging.AddProvider(Logs));
        });
        _hosts.Add(host);
        return host;
    }

    protected abstract DurableHost CreateHost(Action<DurableTaskRegistry> register, Action<IServiceCollection> configure);

    public async ValueTask DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.DisposeAsync();
        }
        GC.SuppressFinalize(this);
    }

    [Fact]
    public async Task Replay_GivesTheSameGuidsAndTimes_AndLogsEachLineOnce()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(DeterminismOrchestrator), "D81001");
        var firstStep = (await host.Client.GetInstanceAsync(id))!.ReadCustomStatusAs<string>();

        Clock.Advance(TimeSpan.FromDays(3));
        await host.Client.RaiseEventAsync(id, "go");
        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);

        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal(firstStep, done.ReadOutputAs<string>());
        Assert.EndsWith("|D81001D81001", firstStep, StringComparison.Ordinal);
        Assert.Contains("2010-10-26T09:00:00", firstStep, StringComparison.Ordinal);
        Assert.Single(Logs.Lines, l => l == "started D81001");
        Assert.Equal(["D81001D81001"], Effects.For(id));
    }

    [Fact]
    public async Task WaitForExternalEvent_WithTimeout_EventWins()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), "Fenland");
        Clock.Advance(TimeSpan.FromDays(3));
        await host.Client.RaiseEventAsync(id, ReviewStyleOrchestrator.DecisionEvent, "approved");

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("approved", done.ReadOutputAs<string>());

        // The cancelled deadline never fires and leaves nothing due.
        Clock.Advance(TimeSpan.FromDays(40));
        Assert.Empty(await host.Store.GetDueAsync(Clock.GetUtcNow(), 10, default));
        await host.Worker.TickAsync();
        Assert.Equal(["acknowledged Fenland", "approved"], Effects.For(id));
    }

    [Fact]
    public async Task WaitForExternalEvent_WithTimeout_TimerWins()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), "Fenland");

        Clock.Advance(ReviewStyleOrchestrator.ReviewPeriod - TimeSpan.FromMinutes(1));
        await host.Worker.TickAsync();
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        Clock.Advance(TimeSpan.FromMinutes(1));
        await host.Worker.TickAsync();
        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(ReviewStyleOrchestrator.TimedOut, done!.ReadOutputAs<string>());
        Assert.Equal(["acknowledged Fenland", ReviewStyleOrchestrator.TimedOut], Effects.For(id));
    }

    [Fact]
    public async Task Timer_DueWhileNoProcessRan_FiresAtTheNextTick()
    {
        string id;
        await using (var before = StartHost())
        {
            id = await before.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), "Fenland");
        }
        Clock.Advance(TimeSpan.FromDays(45));

        var after = StartHost();
        Assert.Equal(1, await after.Worker.TickAsync());
        var done = await after.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(ReviewStyleOrchestrator.TimedOut, done!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Events_RaisedBeforeTheOrchestratorWaits_AreKeptAndDeliveredInOrder()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EventsInOrderOrchestrator), "x");
        foreach (var item in new[] { "first", "second", "third" })
        {
            await host.Client.RaiseEventAsync(id, "item", item);
        }
        Assert.Equal(OrchestrationRuntimeStatus.Running, (await host.Client.GetInstanceAsync(id))!.RuntimeStatus);

        Clock.Advance(TimeSpan.FromDays(1));
        await host.Worker.TickAsync();
        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("first,second,third", done!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Retry_AfterTransientFailures_SucceedsWithBackoffOnDurableTimers()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryOrchestrator), 2);
        Assert.Equal(1, Attempts.For(id));

        Clock.Advance(TimeSpan.FromSeconds(59));
        await host.Worker.TickAsync();
        Assert.Equal(1, Attempts.For(id));

        Clock.Advance(TimeSpan.FromSeconds(1));
        await host.Worker.TickAsync();
        Assert.Equal(2, Attempts.For(id));

        // Backoff coefficient 2: the second retry waits two minutes.
        Clock.Advance(TimeSpan.FromMinutes(2));
        await host.Worker.TickAsync();
        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal("answered on attempt 3", done!.ReadOutputAs<string>());
    }

    [Fact]
    public async Task Retry_Exhausted_SurfacesAsTypedFailureTheOrchestratorCanCatch()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(RetryOrchestrator), 10);
        for (var i = 0; i < 3; i++)
        {
            Clock.Advance(TimeSpan.FromMinutes(5));
            await host.Worker.TickAsync();
        }
        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal("gave up: System.TimeoutException: the partner directory did not answer (attempt 3)",
            done.ReadOutputAs<string>());
        Assert.Equal(3, Attempts.For(id));
    }

    [Fact]
    public async Task UnhandledOrchestratorException_LeavesInstanceFailed_WithReadableDetails()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ThrowingOrchestrator), "Fenland");

        var failed = await host.Client.GetInstanceAsync(id);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed!.RuntimeStatus);
        Assert.Equal("System.InvalidOperationException", failed.FailureDetails!.ErrorType);
        Assert.Equal("the form for Fenland is unreadable", failed.FailureDetails.ErrorMessage);
        Assert.Contains(nameof(ThrowingOrchestrator), failed.FailureDetails.StackTrace, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Versions_RunningInstanceKeepsItsVersion_NewInstancesStartOnTheNewest()
    {
        var before = StartHost(r => r.AddOrchestrator<GreetingV1>("Greeting"));
        var old = await before.Client.ScheduleNewOrchestrationInstanceAsync("Greeting", "a");

        var after = StartHost(r => r.AddOrchestrator<GreetingV1>("Greeting")
            .AddOrchestrator<GreetingV2>("Greeting", version: "2").AddActivity<RecordEffect>());
        var fresh = await after.Client.ScheduleNewOrchestrationInstanceAsync("Greeting", "b");
        await after.Client.RaiseEventAsync(old, "go", "hello");
        await after.Client.RaiseEventAsync(fresh, "go", "hello");

        var oldDone = await after.Client.GetInstanceAsync(old, getInputsAndOutputs: true);
        var freshDone = await after.Client.GetInstanceAsync(fresh, getInputsAndOutputs: true);
        Assert.Equal(("1", "v1 hello"), (oldDone!.Version, oldDone.ReadOutputAs<string>()));
        Assert.Equal(("2", "v2 hello"), (freshDone!.Version, freshDone.ReadOutputAs<string>()));
    }

    [Fact]
    public async Task CodeChangedUnderARunningInstance_FailsThatInstanceOnly_NamingTheMismatch()
    {
        var before = StartHost();
        var drifting = await before.Client.ScheduleNewOrchestrationInstanceAsync("Drift", "x");
        var bystander = await before.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), "y");

        var after = StartHost(r =>
        {
            ReviewStyleOrchestrator.Register(r);
            r.AddOrchestrator<DriftAfter>("Drift").AddActivity<FlakyActivity>();
        });
        await after.Client.RaiseEventAsync(drifting, "go", "done");
        await after.Client.RaiseEventAsync(bystander, ReviewStyleOrchestrator.DecisionEvent, "approved");

        var failed = await after.Client.GetInstanceAsync(drifting);
        Assert.Equal(OrchestrationRuntimeStatus.Failed, failed!.RuntimeStatus);
        Assert.Equal(typeof(NonDeterministicOrchestrationException).FullName, failed.FailureDetails!.ErrorType);
        Assert.Contains("activity 'RecordEffect'", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Contains("activity 'FlakyActivity'", failed.FailureDetails.ErrorMessage, StringComparison.Ordinal);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, (await after.Client.GetInstanceAsync(bystander))!.RuntimeStatus);
    }

    [Fact]
    public async Task ContinueAsNew_StartsAFreshHistory_AndCarriesEventsNotYetConsumed()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(CounterOrchestrator), 0);
        for (var i = 0; i < 3; i++)
        {
            await host.Client.RaiseEventAsync(id, "tick");
        }
        for (var hour = 0; hour < 4; hour++)
        {
            Clock.Advance(TimeSpan.FromHours(1));
            await host.Worker.TickAsync();
        }

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, getHistory: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal(3, done.ReadOutputAs<int>());
        Assert.Equal("3", done.SerializedInput);
        var started = Assert.IsType<ExecutionStarted>(done.History![0]);
        Assert.Equal("3", started.Input);
        Assert.DoesNotContain(done.History, e => e is EventRaised);
    }

    [Fact]
    public async Task Terminate_EndsAWaitingInstance_AndPurgeRemovesOnlyFinishedOnes()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), "Fenland");
        await Assert.ThrowsAsync<InvalidOperationException>(() => host.Client.PurgeInstanceAsync(id));

        await host.Client.TerminateInstanceAsync(id, "withdrawn by the consortium");
        var terminated = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true);
        Assert.Equal(OrchestrationRuntimeStatus.Terminated, terminated!.RuntimeStatus);
        Assert.Equal("withdrawn by the consortium", terminated.ReadOutputAs<string>());

        Clock.Advance(TimeSpan.FromDays(30));
        await host.Worker.TickAsync();
        Assert.Equal(["acknowledged Fenland"], Effects.For(id));

        Assert.Equal(1, (await host.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        Assert.Null(await host.Client.GetInstanceAsync(id));
        Assert.Equal(0, (await host.Client.PurgeInstanceAsync(id)).PurgedInstanceCount);
        await Assert.ThrowsAsync<OrchestrationNotFoundException>(() => host.Client.RaiseEventAsync(id, "go"));
    }

    [Fact]
    public async Task Query_FiltersByStatusNameAndCreationTime_InPages()
    {
        var host = StartHost();
        var early = Clock.GetUtcNow();
        for (var i = 0; i < 12; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), $"c{i}",
                new StartOrchestrationOptions($"review-{i:D2}"));
        }
        Clock.Advance(TimeSpan.FromHours(1));
        var late = Clock.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ThrowingOrchestrator), $"t{i}");
        }
        for (var i = 0; i < 4; i++)
        {
            await host.Client.RaiseEventAsync($"review-{i:D2}", ReviewStyleOrchestrator.DecisionEvent, "approved");
        }

        var running = new List<string>();
        string? token = null;
        var pages = 0;
        do
        {
            var page = await host.Client.QueryInstancesAsync(new OrchestrationQuery(
                [OrchestrationRuntimeStatus.Running], nameof(ReviewStyleOrchestrator), PageSize: 5, ContinuationToken: token));
            running.AddRange(page.Instances.Select(i => i.InstanceId));
            token = page.ContinuationToken;
            pages++;
        }
        while (token is not null);

        Assert.Equal(Enumerable.Range(4, 8).Select(i => $"review-{i:D2}"), running.Order());
        Assert.InRange(pages, 2, 3);
        var failed = await host.Client.QueryInstancesAsync(new OrchestrationQuery([OrchestrationRuntimeStatus.Failed]));
        Assert.Equal(3, failed.Instances.Count);
        var completedEarly = await host.Client.QueryInstancesAsync(new OrchestrationQuery(
            [OrchestrationRuntimeStatus.Completed], CreatedFrom: early, CreatedTo: late - TimeSpan.FromMinutes(1)));
        Assert.Equal(4, completedEarly.Instances.Count);
        var createdLate = await host.Client.QueryInstancesAsync(new OrchestrationQuery(CreatedFrom: late));
        Assert.All(createdLate.Instances, i => Assert.Equal(nameof(ThrowingOrchestrator), i.Name));
    }

    [Fact]
    public async Task StartingAnExistingId_IsIdempotentForTheSameInput_AndAConflictOtherwise()
    {
        var host = StartHost();
        var options = new StartOrchestrationOptions("EOI-Q35-0001");
        await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), "Fenland", options);
        var again = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), "Fenland", options);

        Assert.Equal("EOI-Q35-0001", again);
        Assert.Equal(["acknowledged Fenland"], Effects.For(again));
        var conflict = await Assert.ThrowsAsync<OrchestrationAlreadyExistsException>(() =>
            host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(ReviewStyleOrchestrator), "Peterborough", options));
        Assert.Equal("EOI-Q35-0001", conflict.InstanceId);
    }

    [Fact]
    public async Task Payloads_LargerThanOneTableProperty_AreStoredAndReadBackWhole()
    {
        var host = StartHost();
        var large = string.Concat(Enumerable.Range(0, 9_000).Select(i => $"practice D{i % 100000:D5};"));
        Assert.True(large.Length > 64 * 1024);

        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(EchoOrchestrator), large);
        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, getHistory: true);

        Assert.Equal(large, done!.ReadOutputAs<string>());
        Assert.Equal(large, done.ReadInputAs<string>());
        Assert.Equal(large, Assert.IsType<TaskScheduled>(done.History![1]).Input is { } input
            ? DataConverter.Default.Deserialize<string>(input) : null);
    }

    [Fact]
    public async Task AStepOfHundredsOfHistoryEvents_CommitsWhole()
    {
        var host = StartHost();
        var id = await host.Client.ScheduleNewOrchestrationInstanceAsync(nameof(FanOutOrchestrator), 130);

        var done = await host.Client.GetInstanceAsync(id, getInputsAndOutputs: true, getHistory: true);
        Assert.Equal(OrchestrationRuntimeStatus.Completed, done!.RuntimeStatus);
        Assert.Equal(Enumerable.Range(0, 130).Sum(i => $"practice {i}".Length), done.ReadOutputAs<int>());
        Assert.Equal(130, done.History!.OfType<TaskCompleted>().Count());
        Assert.Equal(130, Effects.For(id).Count);
    }
}

public sealed class InMemoryRuntimeBehaviour : RuntimeBehaviour
{
    private readonly Storage.InMemoryOrchestrationStore _store = new();

    protected override DurableHost CreateHost(Action<DurableTaskRegistry> register, Action<IServiceCollection> configure) =>
        DurableHost.InMemory(Clock, _store, register, configure);
}

public sealed class TableStorageRuntimeBehaviour : RuntimeBehaviour
{
    private readonly string _taskHub = Azurite.UniqueName("Behaviour");

    protected override DurableHost CreateHost(Action<DurableTaskRegistry> register, Action<IServiceCollection> configure) =>
        DurableHost.OnTables(Azurite.Shared.ConnectionString, _taskHub, Clock, register, configure);
}
