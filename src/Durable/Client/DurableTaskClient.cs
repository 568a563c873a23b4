using Pathfinder.Durable.Storage;

namespace Pathfinder.Durable;

/// <summary>
/// Starts, signals, reads and removes instances. Method names follow the Durable Task SDK's
/// <c>DurableTaskClient</c>. Starting and raising events process the instance inline, so when the call
/// returns the instance has reached its next wait (unless another process holds it).
/// </summary>
public sealed class DurableTaskClient
{
    private static readonly TimeSpan CompletionPollInterval = TimeSpan.FromMilliseconds(50);

    private readonly IOrchestrationStore _store;
    private readonly DurableTaskWorker _worker;
    private readonly DurableTaskRegistry _registry;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;
    private long _messageSequence;

    /// <summary>Creates a client over a store and the worker that processes inline.</summary>
    public DurableTaskClient(IOrchestrationStore store, DurableTaskWorker worker, DurableTaskRegistry registry,
        DataConverter converter, TimeProvider time)
    {
        _store = store;
        _worker = worker;
        _registry = registry;
        _converter = converter;
        _time = time;
    }

    /// <summary>
    /// Schedules a new instance and runs it to its first wait. With a caller-chosen id, starting again
    /// with the same orchestrator and input returns the same id (idempotent); anything else conflicts.
    /// </summary>
    /// <exception cref="OrchestrationAlreadyExistsException">The id is taken by a different instance.</exception>
    /// <exception cref="ArgumentException">The orchestrator is not registered, or the id is unusable.</exception>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(string orchestratorName, object? input = null,
        StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        InstanceIds.Validate(instanceId);
        var version = options?.Version ?? _registry.NewestVersion(orchestratorName)
            ?? throw new ArgumentException($"Orchestrator '{orchestratorName}' is not registered.", nameof(orchestratorName));
        if (!_registry.HasOrchestrator(orchestratorName, version))
        {
            throw new ArgumentException($"Orchestrator '{orchestratorName}' version '{version}' is not registered.",
                nameof(options));
        }

        var now = _time.GetUtcNow();
        var serializedInput = _converter.Serialize(input);
        var state = new InstanceState(instanceId, orchestratorName, version, OrchestrationRuntimeStatus.Pending,
            serializedInput, null, null, null, now, now, 0, options?.StartAt ?? now);
        var created = await _store.CreateAsync(state, cancellationToken);
        if (!created.Created)
        {
            var existing = created.Snapshot.State;
            if (!string.Equals(existing.Name, orchestratorName, StringComparison.OrdinalIgnoreCase) ||
                existing.Input != serializedInput)
            {
                throw new OrchestrationAlreadyExistsException(instanceId, existing.Name, existing.Status);
            }
        }
        await _worker.ProcessAsync(instanceId, created.Snapshot, cancellationToken);
        return instanceId;
    }

    /// <summary>Raises an event to an instance and processes it inline. Events are kept until waited for.</summary>
    /// <exception cref="OrchestrationNotFoundException">No instance has that id.</exception>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(eventName);
        await SendAsync(instanceId, MessageKind.Event, eventName, _converter.Serialize(eventPayload), cancellationToken);
    }

    /// <summary>Terminates an instance; its output becomes <paramref name="output"/>. No effect once finished.</summary>
    /// <exception cref="OrchestrationNotFoundException">No instance has that id.</exception>
    public Task TerminateInstanceAsync(string instanceId, object? output = null,
        CancellationToken cancellationToken = default) =>
        SendAsync(instanceId, MessageKind.Terminate, null, _converter.Serialize(output), cancellationToken);

    /// <summary>Reads an instance; null when unknown.</summary>
    public Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false,
        CancellationToken cancellationToken = default) =>
        GetInstanceAsync(instanceId, getInputsAndOutputs, getHistory: false, cancellationToken);

    /// <summary>Reads an instance, with its history when <paramref name="getHistory"/> is true; null when unknown.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs,
        bool getHistory, CancellationToken cancellationToken = default)
    {
        if (getHistory)
        {
            var snapshot = await _store.LoadAsync(instanceId, cancellationToken);
            return snapshot is null ? null : ToMetadata(snapshot.State, getInputsAndOutputs) with { History = snapshot.History };
        }
        var state = await _store.GetStateAsync(instanceId, cancellationToken);
        return state is null ? null : ToMetadata(state, getInputsAndOutputs);
    }

    /// <summary>One page of instances matching the query, without reading any history.</summary>
    public async Task<OrchestrationQueryPage> QueryInstancesAsync(OrchestrationQuery query,
        CancellationToken cancellationToken = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(query.PageSize, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(query.PageSize, 1000);
        var page = await _store.QueryAsync(query, cancellationToken);
        return new OrchestrationQueryPage(page.Instances.Select(s => ToMetadata(s, false)).ToList(), page.ContinuationToken);
    }

    /// <summary>Removes a finished instance with its history.</summary>
    /// <exception cref="InvalidOperationException">The instance is still running: terminate it first.</exception>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        var state = await _store.GetStateAsync(instanceId, cancellationToken);
        if (state is null)
        {
            return new PurgeResult(0);
        }
        if (!state.Status.IsTerminal())
        {
            throw new InvalidOperationException(
                $"Instance '{instanceId}' is {state.Status}; only finished instances can be purged. Terminate it first.");
        }
        return new PurgeResult(await _store.PurgeAsync(instanceId, cancellationToken) ? 1 : 0);
    }

    /// <summary>Waits until the instance finishes (something else must drive it: inline calls or ticks).</summary>
    /// <exception cref="OrchestrationNotFoundException">No instance has that id.</exception>
    public async Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId,
        bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        while (true)
        {
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken)
                           ?? throw new OrchestrationNotFoundException(instanceId);
            if (metadata.IsCompleted)
            {
                return metadata;
            }
            // Real time on purpose: this waits for other processes, not for orchestration time.
            await Task.Delay(CompletionPollInterval, cancellationToken);
        }
    }

    private async Task SendAsync(string instanceId, MessageKind kind, string? name, string? payload,
        CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var id = MessageIds.Next(now, Interlocked.Increment(ref _messageSequence));
        if (!await _store.SendAsync(instanceId, new OrchestrationMessage(id, kind, name, payload, now), cancellationToken))
        {
            throw new OrchestrationNotFoundException(instanceId);
        }
        await _worker.ProcessAsync(instanceId, cancellationToken);
    }

    private OrchestrationMetadata ToMetadata(InstanceState state, bool withPayloads) =>
        new(state.Name, state.InstanceId)
        {
            Version = state.Version,
            RuntimeStatus = state.Status,
            CreatedAt = state.CreatedAt,
            LastUpdatedAt = state.LastUpdatedAt,
            SerializedInput = withPayloads ? state.Input : null,
            SerializedOutput = withPayloads ? state.Output : null,
            SerializedCustomStatus = state.CustomStatus,
            FailureDetails = state.Failure,
            Converter = _converter,
        };
}
