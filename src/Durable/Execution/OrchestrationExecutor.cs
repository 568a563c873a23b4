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

        var history = snapshot.History;
        var started = history.Count > 0 ? history[0] as ExecutionStarted : null;
        if (history.Count > 0 && started is null)
        {
            return Fail(state, now, newEvents, consumed,
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
            return Fail(state, now, newEvents, consumed, new InvalidOperationException(
                $"Orchestrator '{state.Name}' version '{state.Version}' is not registered in this app."));
        }

        var context = new ReplayOrchestrationContext(state.InstanceId, state.Name, state.Version, converter,
            loggerFactory);
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
                foreach (var message in messages)
                {
                    Append(context, newEvents, new EventRaised(now, message.Name ?? "", message.Payload));
                }
            });
        }
        catch (NonDeterministicOrchestrationException mismatch)
        {
            _logger.LogError("Instance {InstanceId} failed replay: {Message}", state.InstanceId, mismatch.Message);
            return Fail(state, now, newEvents, consumed, mismatch);
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

        return Finish(state, context, run, newEvents, consumed, now, runAgain || snapshot.Messages.Count > messages.Count);
    }

    private StepResult Finish(InstanceState state, ReplayOrchestrationContext context, Task<object?> run,
        List<HistoryEvent> newEvents, List<string> consumed, DateTimeOffset now, bool runAgain)
    {
        if (!run.IsCompleted)
        {
            var nextTimer = context.PendingTimers().Select(t => (DateTimeOffset?)t.FireAt).Min();
            var waiting = state with
            {
                Status = OrchestrationRuntimeStatus.Running, CustomStatus = context.CustomStatus, LastUpdatedAt = now,
                NextWakeAt = runAgain ? now : nextTimer,
            };
            return new StepResult(new StepCommit(waiting, newEvents, false, consumed), runAgain);
        }

        if (run.IsFaulted || run.IsCanceled)
        {
            Exception failure = run.Exception?.InnerException ?? new TaskCanceledException("The orchestrator was cancelled.");
            return Fail(state with { CustomStatus = context.CustomStatus }, now, newEvents, consumed, failure);
        }

        if (context.ContinuedAsNew)
        {
            // A new generation: fresh history, carrying over events nobody waited for yet.
            List<HistoryEvent> generation = [new ExecutionStarted(now, state.Name, state.Version, context.ContinueAsNewInput)];
            generation.AddRange(context.BufferedEvents.Select(e => e with { Timestamp = now }));
            var renewed = state with
            {
                Status = OrchestrationRuntimeStatus.Running, Input = context.ContinueAsNewInput,
                CustomStatus = context.CustomStatus, LastUpdatedAt = now, Generation = state.Generation + 1,
                NextWakeAt = now,
            };
            return new StepResult(new StepCommit(renewed, generation, true, consumed), true);
        }

        var output = converter.Serialize(run.Result);
        newEvents.Add(new ExecutionCompleted(now, OrchestrationRuntimeStatus.Completed, output, null));
        var completed = state with
        {
            Status = OrchestrationRuntimeStatus.Completed, Output = output, CustomStatus = context.CustomStatus,
            LastUpdatedAt = now, NextWakeAt = null,
        };
        return new StepResult(new StepCommit(completed, newEvents, false, consumed), false);
    }

    private static StepResult Fail(InstanceState state, DateTimeOffset now, List<HistoryEvent> newEvents,
        List<string> consumed, Exception exception)
    {
        var details = TaskFailureDetails.FromException(exception);
        newEvents.Add(new ExecutionCompleted(now, OrchestrationRuntimeStatus.Failed, null, details));
        var failed = state with
        {
            Status = OrchestrationRuntimeStatus.Failed, Failure = details, LastUpdatedAt = now, NextWakeAt = null,
        };
        return new StepResult(new StepCommit(failed, newEvents, false, consumed), false);
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
