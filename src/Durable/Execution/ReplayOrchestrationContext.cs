using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Pathfinder.Durable.Execution;

/// <summary>
/// The context an orchestrator runs against. Each activity call and timer takes the next sequence
/// number; history events carry those numbers, and replay checks that the code asks for the same
/// thing at the same number, failing the instance with a message naming the mismatch if it does not.
/// </summary>
internal sealed class ReplayOrchestrationContext(
    string instanceId,
    string name,
    string version,
    DataConverter converter,
    ILoggerFactory loggerFactory) : TaskOrchestrationContext
{
    private readonly Dictionary<int, DurableAction> _actions = [];
    private readonly List<DurableAction> _unrecorded = [];
    private readonly List<EventWaiter> _waiters = [];
    private readonly List<EventRaised> _bufferedEvents = [];
    private int _nextSequence;
    private int _guidCounter;
    private DateTimeOffset _now;

    public override string InstanceId => instanceId;

    public override string Name => name;

    public override string Version => version;

    public override DateTime CurrentUtcDateTime => _now.UtcDateTime;

    public override bool IsReplaying => Replaying;

    internal bool Replaying { get; set; } = true;

    internal string? CustomStatus { get; private set; }

    internal bool ContinuedAsNew { get; private set; }

    internal string? ContinueAsNewInput { get; private set; }

    /// <summary>Events delivered but not yet waited for, in arrival order (carried over by ContinueAsNew).</summary>
    internal IReadOnlyList<EventRaised> BufferedEvents => _bufferedEvents;

    internal void SetCustomStatusJson(string? json) => CustomStatus = json;

    public override async Task<TResult> CallActivityAsync<TResult>(string name, object? input = null,
        TaskOptions? options = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        var serializedInput = converter.Serialize(input);
        var retry = options?.Retry;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var result = await ScheduleActivity(name, serializedInput);
                return converter.Deserialize<TResult>(result)!;
            }
            catch (TaskFailedException failure) when (retry is not null && attempt < retry.MaxNumberOfAttempts &&
                                                       (retry.Handle?.Invoke(failure.FailureDetails) ?? true))
            {
                // Backoff on a durable timer, so a retry pending for hours survives restarts.
                await CreateTimer(CurrentUtcDateTime + retry.DelayBefore(attempt + 1), CancellationToken.None);
            }
        }
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var timer = new DurableAction(_nextSequence++, ActionKind.Timer, "timer", null)
        {
            FireAt = new DateTimeOffset(DateTime.SpecifyKind(fireAt, DateTimeKind.Utc)),
        };
        Emit(timer);
        if (cancellationToken.CanBeCanceled)
        {
            // Runs synchronously inside orchestrator code when it cancels, so it replays identically.
            cancellationToken.Register(() =>
            {
                if (!timer.Completed)
                {
                    timer.Cancelled = true;
                    timer.Source.TrySetCanceled(cancellationToken);
                }
            });
        }
        return timer.Source.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        var buffered = _bufferedEvents.FindIndex(e => SameEvent(e.Name, eventName));
        if (buffered >= 0)
        {
            var delivered = _bufferedEvents[buffered];
            _bufferedEvents.RemoveAt(buffered);
            return Task.FromResult(converter.Deserialize<T>(delivered.Input)!);
        }

        var waiter = new EventWaiter(eventName);
        _waiters.Add(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                _waiters.Remove(waiter);
                waiter.Source.TrySetCanceled(cancellationToken);
            });
        }
        return Deserialize<T>(waiter.Source.Task);
    }

    public override void SetCustomStatus(object? customStatus) => CustomStatus = converter.Serialize(customStatus);

    public override void ContinueAsNew(object? newInput)
    {
        ContinuedAsNew = true;
        ContinueAsNewInput = converter.Serialize(newInput);
    }

    public override Guid NewGuid()
    {
        // Name-based (RFC 4122 version 5 layout): the same instance, time and call order give the same id.
        var name = Encoding.UTF8.GetBytes($"{InstanceId}|{_now.UtcTicks}|{_guidCounter++}");
#pragma warning disable CA5350 // SHA-1 is what RFC 4122 version 5 specifies; this is an identifier, not security.
        var hash = SHA1.HashData(name);
#pragma warning restore CA5350
        hash[6] = (byte)((hash[6] & 0x0F) | 0x50);
        hash[8] = (byte)((hash[8] & 0x3F) | 0x80);
        return new Guid(hash.AsSpan(0, 16), bigEndian: true);
    }

    public override ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(loggerFactory.CreateLogger(categoryName), () => Replaying);

    /// <summary>Actions the code asked for that history does not have yet: the step's new decisions.</summary>
    internal IReadOnlyList<DurableAction> TakeNewActions()
    {
        var taken = _unrecorded.ToList();
        foreach (var action in taken)
        {
            action.Recorded = true;
        }
        _unrecorded.Clear();
        return taken;
    }

    /// <summary>Activities recorded as scheduled whose result has not arrived.</summary>
    internal IReadOnlyList<DurableAction> OutstandingActivities() =>
        _actions.Values.Where(a => a is { Kind: ActionKind.Activity, Recorded: true, Completed: false })
            .OrderBy(a => a.Sequence).ToList();

    /// <summary>Timers recorded, neither fired nor cancelled.</summary>
    internal IReadOnlyList<DurableAction> PendingTimers() =>
        _actions.Values.Where(a => a is { Kind: ActionKind.Timer, Recorded: true, Completed: false, Cancelled: false })
            .OrderBy(a => a.Sequence).ToList();

    /// <summary>Feeds one history event to the code, replayed or new.</summary>
    internal void Apply(HistoryEvent historyEvent)
    {
        switch (historyEvent)
        {
            case ExecutionStarted started:
                _now = started.Timestamp;
                break;
            case OrchestratorStarted started:
                RequireAllRecorded(historyEvent);
                _now = started.Timestamp;
                break;
            case TaskScheduled scheduled:
                Match(scheduled.TaskId, ActionKind.Activity, scheduled.Name).Recorded = true;
                break;
            case TimerCreated created:
                var timer = Match(created.TimerId, ActionKind.Timer, "timer");
                timer.Recorded = true;
                timer.FireAt = created.FireAt;
                break;
            case TaskCompleted completed:
                RequireAllRecorded(historyEvent);
                Complete(completed.TaskId).Source.TrySetResult(completed.Result);
                break;
            case TaskFailed failed:
                RequireAllRecorded(historyEvent);
                var task = Complete(failed.TaskId);
                task.Source.TrySetException(new TaskFailedException(task.Name, task.Sequence, failed.Failure));
                break;
            case TimerFired fired:
                RequireAllRecorded(historyEvent);
                var firedTimer = Complete(fired.TimerId);
                if (!firedTimer.Cancelled)
                {
                    firedTimer.Source.TrySetResult(null);
                }
                break;
            case EventRaised raised:
                RequireAllRecorded(historyEvent);
                Deliver(raised);
                break;
        }
    }

    private void Deliver(EventRaised raised)
    {
        var waiter = _waiters.FirstOrDefault(w => SameEvent(w.Name, raised.Name));
        if (waiter is null)
        {
            _bufferedEvents.Add(raised);
            return;
        }
        _waiters.Remove(waiter);
        waiter.Source.TrySetResult(raised.Input);
    }

    private async Task<T> Deserialize<T>(Task<string?> payload) => converter.Deserialize<T>(await payload)!;

    private Task<string?> ScheduleActivity(string activityName, string? input)
    {
        var action = new DurableAction(_nextSequence++, ActionKind.Activity, activityName, input);
        Emit(action);
        return action.Source.Task;
    }

    private void Emit(DurableAction action)
    {
        _actions.Add(action.Sequence, action);
        _unrecorded.Add(action);
    }

    private DurableAction Match(int sequence, ActionKind kind, string recordedName)
    {
        var recorded = kind == ActionKind.Activity ? $"activity '{recordedName}'" : "a timer";
        if (!_actions.TryGetValue(sequence, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"History has {recorded} as step #{sequence}, but the orchestrator code did not schedule anything " +
                $"there: the code changed under a running instance. Register the new code as a new version.");
        }
        if (action.Kind != kind || action.Name != recordedName)
        {
            throw new NonDeterministicOrchestrationException(
                $"History has {recorded} as step #{sequence}, but the orchestrator code now schedules " +
                $"{action.Describe()} there: the code changed under a running instance. " +
                "Register the new code as a new version.");
        }
        _unrecorded.Remove(action);
        return action;
    }

    private void RequireAllRecorded(HistoryEvent next)
    {
        if (Replaying && _unrecorded.Count > 0)
        {
            var extra = _unrecorded[0];
            throw new NonDeterministicOrchestrationException(
                $"The orchestrator code now schedules {extra.Describe()} as step #{extra.Sequence}, which history " +
                $"does not have before its '{next.GetType().Name}' event: the code changed under a running " +
                "instance. Register the new code as a new version.");
        }
    }

    private DurableAction Complete(int sequence)
    {
        if (!_actions.TryGetValue(sequence, out var action) || !action.Recorded)
        {
            throw new NonDeterministicOrchestrationException(
                $"History completes step #{sequence}, which the orchestrator code never scheduled.");
        }
        action.Completed = true;
        return action;
    }

    private static bool SameEvent(string a, string b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private sealed record EventWaiter(string Name)
    {
        public TaskCompletionSource<string?> Source { get; } = new();
    }
}

/// <summary>The kinds of durable operation an orchestrator schedules.</summary>
internal enum ActionKind
{
    Activity,
    Timer,
}

/// <summary>One activity call or timer, from the moment the code asks for it until it completes.</summary>
internal sealed class DurableAction(int sequence, ActionKind kind, string name, string? input)
{
    public int Sequence { get; } = sequence;

    public ActionKind Kind { get; } = kind;

    public string Name { get; } = name;

    public string? Input { get; } = input;

    public DateTimeOffset FireAt { get; set; }

    public bool Recorded { get; set; }

    public bool Completed { get; set; }

    public bool Cancelled { get; set; }

    public TaskCompletionSource<string?> Source { get; } = new();

    public string Describe() => Kind == ActionKind.Activity ? $"activity '{Name}'" : "a timer";
}
