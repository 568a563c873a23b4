using System.Text.Json.Serialization;

namespace Pathfinder.Durable;

/// <summary>
/// One entry of an instance's event-sourced history. Payloads are kept as JSON text, so history is
/// readable without the orchestrator's types.
/// </summary>
[JsonPolymorphic(TypeDiscriminatorPropertyName = "type")]
[JsonDerivedType(typeof(ExecutionStarted), "executionStarted")]
[JsonDerivedType(typeof(OrchestratorStarted), "orchestratorStarted")]
[JsonDerivedType(typeof(TaskScheduled), "taskScheduled")]
[JsonDerivedType(typeof(TaskCompleted), "taskCompleted")]
[JsonDerivedType(typeof(TaskFailed), "taskFailed")]
[JsonDerivedType(typeof(TimerCreated), "timerCreated")]
[JsonDerivedType(typeof(TimerFired), "timerFired")]
[JsonDerivedType(typeof(EventRaised), "eventRaised")]
[JsonDerivedType(typeof(ExecutionTerminated), "executionTerminated")]
[JsonDerivedType(typeof(ExecutionCompleted), "executionCompleted")]
public abstract record HistoryEvent(DateTimeOffset Timestamp);

/// <summary>The instance (or a new generation after ContinueAsNew) began.</summary>
public sealed record ExecutionStarted(DateTimeOffset Timestamp, string Name, string Version, string? Input)
    : HistoryEvent(Timestamp);

/// <summary>A step began: replay sets the orchestrator's current time from it.</summary>
public sealed record OrchestratorStarted(DateTimeOffset Timestamp) : HistoryEvent(Timestamp);

/// <summary>The orchestrator scheduled activity <paramref name="Name"/> as task <paramref name="TaskId"/>.</summary>
public sealed record TaskScheduled(DateTimeOffset Timestamp, int TaskId, string Name, string? Input)
    : HistoryEvent(Timestamp);

/// <summary>Task <paramref name="TaskId"/> returned <paramref name="Result"/>.</summary>
public sealed record TaskCompleted(DateTimeOffset Timestamp, int TaskId, string? Result) : HistoryEvent(Timestamp);

/// <summary>Task <paramref name="TaskId"/> threw.</summary>
public sealed record TaskFailed(DateTimeOffset Timestamp, int TaskId, TaskFailureDetails Failure)
    : HistoryEvent(Timestamp);

/// <summary>The orchestrator created timer <paramref name="TimerId"/> for <paramref name="FireAt"/>.</summary>
public sealed record TimerCreated(DateTimeOffset Timestamp, int TimerId, DateTimeOffset FireAt)
    : HistoryEvent(Timestamp);

/// <summary>Timer <paramref name="TimerId"/> fired.</summary>
public sealed record TimerFired(DateTimeOffset Timestamp, int TimerId) : HistoryEvent(Timestamp);

/// <summary>An external event was delivered to the instance.</summary>
public sealed record EventRaised(DateTimeOffset Timestamp, string Name, string? Input) : HistoryEvent(Timestamp);

/// <summary>The instance was terminated through the client.</summary>
public sealed record ExecutionTerminated(DateTimeOffset Timestamp, string? Reason) : HistoryEvent(Timestamp);

/// <summary>The instance finished: completed with a result, or failed with details.</summary>
public sealed record ExecutionCompleted(
    DateTimeOffset Timestamp,
    OrchestrationRuntimeStatus Status,
    string? Result,
    TaskFailureDetails? Failure) : HistoryEvent(Timestamp);
