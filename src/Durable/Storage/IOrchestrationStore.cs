namespace Pathfinder.Durable.Storage;

/// <summary>
/// Where instances, their history and their pending messages live. Two implementations honour the
/// same contract (see the contract tests): <see cref="Table.TableOrchestrationStore"/> on Azure Table
/// Storage and <see cref="InMemoryOrchestrationStore"/> for fast unit tests.
/// </summary>
public interface IOrchestrationStore
{
    /// <summary>
    /// Creates an instance unless one with that id exists. Returns the snapshot to run its first step
    /// from, and whether this call created it (false: the snapshot is the existing instance's).
    /// </summary>
    Task<CreateResult> CreateAsync(InstanceState state, CancellationToken cancellationToken);

    /// <summary>The instance with its current history and pending messages; null when unknown.</summary>
    Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>The instance without history (one point read); null when unknown.</summary>
    Task<InstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>
    /// Commits one step atomically, provided nobody committed since <paramref name="basis"/> was loaded.
    /// Returns the snapshot after the step, or null when another worker got there first (reload and retry).
    /// </summary>
    Task<InstanceSnapshot?> CommitAsync(InstanceSnapshot basis, StepCommit commit, CancellationToken cancellationToken);

    /// <summary>
    /// Records that the snapshot had nothing due, so the instance is not offered as due work again
    /// before its next wake time.
    /// </summary>
    Task SettleAsync(InstanceSnapshot snapshot, CancellationToken cancellationToken);

    /// <summary>Appends a message (an event or a termination) to an instance; false when the instance is unknown.</summary>
    Task<bool> SendAsync(string instanceId, OrchestrationMessage message, CancellationToken cancellationToken);

    /// <summary>Ids of instances with work due at or before <paramref name="now"/>.</summary>
    Task<IReadOnlyList<string>> GetDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken);

    /// <summary>Forgets bookkeeping for an instance that was offered as due but does not exist.</summary>
    Task ForgetAsync(string instanceId, CancellationToken cancellationToken);

    /// <summary>One page of instances matching the query (no history is read).</summary>
    Task<InstancePage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken);

    /// <summary>Deletes a finished instance, its history and messages; false when unknown.</summary>
    Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken);
}

/// <summary>An instance's row: everything but its history.</summary>
/// <param name="InstanceId">The caller-chosen or generated id.</param>
/// <param name="Name">The orchestrator name.</param>
/// <param name="Version">The orchestrator version the instance runs on for its whole life.</param>
/// <param name="Status">Where the instance is.</param>
/// <param name="Input">The current generation's input as JSON.</param>
/// <param name="Output">The result (or termination reason) as JSON.</param>
/// <param name="CustomStatus">What the orchestrator last set with SetCustomStatus, as JSON.</param>
/// <param name="Failure">Why it failed.</param>
/// <param name="CreatedAt">When it was scheduled.</param>
/// <param name="LastUpdatedAt">When a step last committed.</param>
/// <param name="Generation">How many times it continued as new.</param>
/// <param name="NextWakeAt">When it next needs a step without any message arriving (a timer, or a start); null when none.</param>
public sealed record InstanceState(
    string InstanceId,
    string Name,
    string Version,
    OrchestrationRuntimeStatus Status,
    string? Input,
    string? Output,
    string? CustomStatus,
    TaskFailureDetails? Failure,
    DateTimeOffset CreatedAt,
    DateTimeOffset LastUpdatedAt,
    int Generation,
    DateTimeOffset? NextWakeAt);

/// <summary>The kinds of message an instance can receive.</summary>
public enum MessageKind
{
    /// <summary>An external event raised through the client.</summary>
    Event,

    /// <summary>A request to terminate.</summary>
    Terminate,
}

/// <summary>A message waiting to be consumed by the instance's next step.</summary>
/// <param name="Id">Unique within the instance and ordered by arrival.</param>
/// <param name="Kind">Event or termination.</param>
/// <param name="Name">The event name (events only).</param>
/// <param name="Payload">The event data or termination reason, as JSON.</param>
/// <param name="SentAt">When it was sent.</param>
public sealed record OrchestrationMessage(string Id, MessageKind Kind, string? Name, string? Payload, DateTimeOffset SentAt);

/// <summary>An instance as loaded: its state, its current generation's history and its pending messages.</summary>
/// <param name="State">The instance row.</param>
/// <param name="History">The committed history of the current generation, in order.</param>
/// <param name="Messages">Messages not consumed yet, in arrival order.</param>
/// <param name="ConcurrencyToken">The store's proof of which version was loaded (opaque).</param>
public sealed record InstanceSnapshot(
    InstanceState State,
    IReadOnlyList<HistoryEvent> History,
    IReadOnlyList<OrchestrationMessage> Messages,
    object ConcurrencyToken);

/// <summary>What one step changes.</summary>
/// <param name="NewState">The instance row after the step.</param>
/// <param name="NewEvents">History appended by the step (the whole new history when a new generation starts).</param>
/// <param name="StartsNewGeneration">True after ContinueAsNew: the old generation's history is discarded.</param>
/// <param name="ConsumedMessageIds">Messages the step consumed, deleted in the same transaction.</param>
public sealed record StepCommit(
    InstanceState NewState,
    IReadOnlyList<HistoryEvent> NewEvents,
    bool StartsNewGeneration,
    IReadOnlyList<string> ConsumedMessageIds);

/// <summary>The result of <see cref="IOrchestrationStore.CreateAsync"/>.</summary>
/// <param name="Created">True when this call created the instance.</param>
/// <param name="Snapshot">The new instance, or the existing one.</param>
public sealed record CreateResult(bool Created, InstanceSnapshot Snapshot);

/// <summary>One page of a query. Input, output and failure are not filled in; read an instance for those.</summary>
/// <param name="Instances">The page's instances.</param>
/// <param name="ContinuationToken">Pass it back for the next page; null on the last.</param>
public sealed record InstancePage(IReadOnlyList<InstanceState> Instances, string? ContinuationToken);
