using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Pathfinder.Durable.Storage;

namespace Pathfinder.Durable.Execution;

/// <summary>
/// Runs one step of an instance: replays its history, feeds it the new messages, runs the activities it
/// schedules and fires the timers already due, until it waits on something in the future or finishes.
/// Activities run before the step commits, so a crash anywhere only repeats work (at least once), and a
/// typical step costs one storage transaction.
/// </summary>
internal sealed class OrchestrationExecutor(
    DurableTaskRegistry registry,
    IServiceScopeFactory scopes,
    DataConverter converter,
    TimeProvider time,
    ILoggerFactory loggerFactory,
    IOptions<DurableTaskOptions> options)
{
    private const int MaxGenerationsPerStep = 100;

    private readonly ILogger _logger = loggerFactory.CreateLogger<OrchestrationExecutor>();

    /// <summary>The step for <paramref name="snapshot"/>, or null when it has nothing due.</summary>
    public async Task<StepResult?> ExecuteAsync(InstanceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var state = snapshot.State;
        var now = time.GetUtcNow();
        var messages = snapshot.Messages.Take(options.Value.MaxMessagesPerStep).ToList();
        var consumed = messages.Select(m => m.Id).ToList();

        if (state.Status.IsTerminal())
        {
            // Messages to a finished instance are dropped, as the Durable Task SDK does.
            return messages.Count == 0 ? null : new StepResult(new StepCommit(state, [], false, consumed), false);
        }
        var timerDue = state.NextWakeAt is { } wake && wake <= now;
        if (messages.Count == 0 && !timerDue)
        {
            return null;
        }

        var newEvents = new List<HistoryEvent>();
        var terminate = messages.FirstOrDefault(m => m.Kind == MessageKind.Terminate);
        if (terminate is not null)
        {
            newEvents.Add(new OrchestratorStarted(now));
            newEvents.Add(new ExecutionTerminated(now, terminate.Payload));
            var terminated = state with
            {
                Status = OrchestrationRuntimeStatus.Terminated, Output = terminate.Payload, LastUpdatedAt = now,
                NextWakeAt = null,
            };
            return new StepResult(new StepCommit(terminated, newEvents, false, consumed), false);
        }

        var incoming = messages.Select(m => new EventRaised(now, m.Name ?? "", m.Payload)).ToList();
        var runAgain = snapshot.Messages.Count > messages.Count;
        var history = snapshot.History;
        var startsNewGeneration = false;
        for (var generation = 0; ; generation++)
        {
            var outcome = await RunGenerationAsync(state, history, incoming, now, cancellationToken);
            newEvents.AddRange(outcome.NewEvents);
            if (outcome.ContinueAsNew is not { } next)
            {
                return new StepResult(new StepCommit(outcome.State, newEvents, startsNewGeneration, consumed),
                    runAgain || outcome.RunAgainNow);
            }
            if (generation == MaxGenerationsPerStep)
            {
                var failed = GenerationOutcome.Failed(outcome.State, now, newEvents, new InvalidOperationException(
                    $"The orchestrator continued as new {MaxGenerationsPerStep} times without waiting for anything."));
                return new StepResult(new StepCommit(failed.State, failed.NewEvents, startsNewGeneration, consumed), false);
            }
            // A new generation runs at once in this step: fresh history, carrying events nobody waited for.
            state = next.State;
            history = [];
            incoming = next.CarriedEvents;
            newEvents.Clear();
            startsNewGeneration = true;
        }
    }

    private async Task<GenerationOutcome> RunGenerationAsync(InstanceState state, IReadOnlyList<HistoryEvent> history,
        IReadOnlyList<EventRaised> incoming, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var newEvents = new List<HistoryEvent>();
        var started = history.Count > 0 ? history[0] as ExecutionStarted : null;
        if (history.Count > 0 && started is null)
        {
            return GenerationOutcome.Failed(state, now, newEvents,
                new InvalidDataException("The instance's history does not begin with ExecutionStarted."));
        }
        if (started is null)
        {
            started = new ExecutionStarted(now, state.Name, state.Version, state.Input);
            newEvents.Add(started);
        }

        await using var scope = scopes.CreateAsyncScope();
        var orchestrator = registry.CreateOrchestrator(scope.ServiceProvider, state.Name, state.Version);
        if (orchestrator is null)
        {
            return GenerationOutcome.Failed(state, now, newEvents, new InvalidOperationException(
                $"Orchestrator '{state.Name}' version '{state.Version}' is not registered in this app."));
        }

        var context = new ReplayOrchestrationContext(state.InstanceId, state.Name, state.Version, converter,
            loggerFactory) { Replaying = history.Count > 0 };
        context.SetCustomStatusJson(state.CustomStatus);
        var dispatcher = new OrchestrationSynchronizationContext();
        Task<object?>? run = null;
        try
        {
            dispatcher.Run(() =>
            {
                context.Apply(started);
                run = orchestrator.RunAsync(context, converter.Deserialize(started.Input, orchestrator.InputType));
                foreach (var replayed in history.Skip(1))
                {
                    context.Apply(replayed);
                }
            });
            context.Replaying = false;
            RecordNewActions(context, newEvents, now);

            dispatcher.Run(() =>
            {
                Append(context, newEvents, new OrchestratorStarted(now));
                foreach (var raised in incoming)
                {
                    Append(context, newEvents, raised);
                }
            });
        }
        catch (NonDeterministicOrchestrationException mismatch)
        {
            _logger.LogError("Instance {InstanceId} failed replay: {Message}", state.InstanceId, mismatch.Message);
            return GenerationOutcome.Failed(state, now, newEvents, mismatch);
        }

        var rounds = 0;
        var runAgain = false;
        while (!run!.IsCompleted)
        {
            RecordNewActions(context, newEvents, now);
            var activities = context.OutstandingActivities();
            var dueTimers = context.PendingTimers().Where(t => t.FireAt <= now).ToList();
            if (activities.Count == 0 && dueTimers.Count == 0)
            {
                break;
            }
            if (++rounds > options.Value.MaxRoundsPerStep)
            {
                // A long chain of activities commits in parts rather than in one huge step.
                runAgain = true;
                break;
            }
            var results = await Task.WhenAll(activities.Select(a => RunActivityAsync(scope, state, a, cancellationToken)));
            dispatcher.Run(() =>
            {
                foreach (var result in results)
                {
                    Append(context, newEvents, result);
                }
                foreach (var timer in dueTimers.Where(t => !t.Cancelled && !t.Completed))
                {
                    Append(context, newEvents, new TimerFired(now, timer.Sequence));
                }
            });
        }

        return Finish(state, context, run, newEvents, now, runAgain);
    }

    private GenerationOutcome Finish(InstanceState state, ReplayOrchestrationContext context, Task<object?> run,
        List<HistoryEvent> newEvents, DateTimeOffset now, bool runAgain)
    {
        if (!run.IsCompleted)
        {
            var nextTimer = context.PendingTimers().Select(t => (DateTimeOffset?)t.FireAt).Min();
            var waiting = state with
            {
                Status = OrchestrationRuntimeStatus.Running, CustomStatus = context.CustomStatus, LastUpdatedAt = now,
                NextWakeAt = runAgain ? now : nextTimer,
            };
            return new GenerationOutcome(waiting, newEvents, runAgain, null);
        }

        if (run.IsFaulted || run.IsCanceled)
        {
            Exception failure = run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
            return GenerationOutcome.Failed(state with { CustomStatus = context.CustomStatus }, now, newEvents, failure);
        }

        if (context.ContinuedAsNew)
        {
            var renewed = state with
            {
                Status = OrchestrationRuntimeStatus.Running, Input = context.ContinueAsNewInput,
                CustomStatus = context.CustomStatus, LastUpdatedAt = now, Generation = state.Generation + 1,
                NextWakeAt = null,
            };
            var carried = context.BufferedEvents.Select(e => e with { Timestamp = now }).ToList();
            return new GenerationOutcome(renewed, newEvents, false, new NextGeneration(renewed, carried));
        }

        var output = converter.Serialize(run.Result);
        newEvents.Add(new ExecutionCompleted(now, OrchestrationRuntimeStatus.Completed, output, null));
        var completed = state with
        {
            Status = OrchestrationRuntimeStatus.Completed, Output = output, CustomStatus = context.CustomStatus,
            LastUpdatedAt = now, NextWakeAt = null,
        };
        return new GenerationOutcome(completed, newEvents, false, null);
    }

    private static void RecordNewActions(ReplayOrchestrationContext context, List<HistoryEvent> newEvents,
        DateTimeOffset now)
    {
        foreach (var action in context.TakeNewActions())
        {
            newEvents.Add(action.Kind == ActionKind.Activity
                ? new TaskScheduled(now, action.Sequence, action.Name, action.Input)
                : new TimerCreated(now, action.Sequence, action.FireAt));
        }
    }

    private static void Append(ReplayOrchestrationContext context, List<HistoryEvent> newEvents, HistoryEvent e)
    {
        newEvents.Add(e);
        context.Apply(e);
    }

    private async Task<HistoryEvent> RunActivityAsync(AsyncServiceScope scope, InstanceState state,
        DurableAction action, CancellationToken cancellationToken)
    {
        try
        {
            var activity = registry.CreateActivity(scope.ServiceProvider, action.Name)
                           ?? throw new InvalidOperationException($"Activity '{action.Name}' is not registered in this app.");
            var input = converter.Deserialize(action.Input, activity.InputType);
            var context = new TaskActivityContext(action.Name, state.InstanceId, action.Sequence, cancellationToken);
            var result = await activity.RunAsync(context, input);
            return new TaskCompleted(time.GetUtcNow(), action.Sequence, converter.Serialize(result));
        }
        catch (Exception exception) when (exception is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            _logger.LogWarning(exception, "Activity {Activity} (#{TaskId}) of {InstanceId} failed", action.Name,
                action.Sequence, state.InstanceId);
            return new TaskFailed(time.GetUtcNow(), action.Sequence, TaskFailureDetails.FromException(exception));
        }
    }
}
