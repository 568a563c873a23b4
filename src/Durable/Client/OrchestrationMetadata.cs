namespace Pathfinder.Durable;

/// <summary>What the client reports about an instance, as the Durable Task SDK's <c>OrchestrationMetadata</c>.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    /// <summary>The orchestrator version the instance runs on.</summary>
    public required string Version { get; init; }

    /// <summary>Where the instance is.</summary>
    public required OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When it was scheduled.</summary>
    public required DateTimeOffset CreatedAt { get; init; }

    /// <summary>When a step last committed.</summary>
    public required DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>The input as JSON (when inputs and outputs were requested).</summary>
    public string? SerializedInput { get; init; }

    /// <summary>The output as JSON (when inputs and outputs were requested).</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>The custom status as JSON.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Why the instance failed, when it did.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>The current generation's history, when requested.</summary>
    public IReadOnlyList<HistoryEvent>? History { get; init; }

    internal DataConverter Converter { get; init; } = DataConverter.Default;

    /// <summary>True while the instance can still run.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending;

    /// <summary>True once it will never run again.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>The output as <typeparamref name="T"/>.</summary>
    public T? ReadOutputAs<T>() => Converter.Deserialize<T>(SerializedOutput);

    /// <summary>The input as <typeparamref name="T"/>.</summary>
    public T? ReadInputAs<T>() => Converter.Deserialize<T>(SerializedInput);

    /// <summary>The custom status as <typeparamref name="T"/>.</summary>
    public T? ReadCustomStatusAs<T>() => Converter.Deserialize<T>(SerializedCustomStatus);
}

/// <summary>Options for starting an instance.</summary>
/// <param name="InstanceId">The id to use; a new GUID when null. Starting an id that exists never makes a second instance.</param>
/// <param name="StartAt">Delay the first step until then.</param>
/// <param name="Version">Start on this orchestrator version rather than the newest.</param>
public sealed record StartOrchestrationOptions(string? InstanceId = null, DateTimeOffset? StartAt = null, string? Version = null);

/// <summary>A filter over instances for <see cref="DurableTaskClient.QueryInstancesAsync"/>; every given criterion must hold.</summary>
/// <param name="Statuses">Any of these statuses; all when null or empty.</param>
/// <param name="Name">Only this orchestrator.</param>
/// <param name="CreatedFrom">Created at or after.</param>
/// <param name="CreatedTo">Created at or before.</param>
/// <param name="PageSize">At most this many per page (1 to 1,000).</param>
/// <param name="ContinuationToken">Where the previous page stopped.</param>
public sealed record OrchestrationQuery(
    IReadOnlyCollection<OrchestrationRuntimeStatus>? Statuses = null,
    string? Name = null,
    DateTimeOffset? CreatedFrom = null,
    DateTimeOffset? CreatedTo = null,
    int PageSize = 100,
    string? ContinuationToken = null);

/// <summary>One page of instances.</summary>
public sealed record OrchestrationQueryPage(IReadOnlyList<OrchestrationMetadata> Instances, string? ContinuationToken);

/// <summary>How many instances a purge removed.</summary>
public sealed record PurgeResult(int PurgedInstanceCount);

/// <summary>Starting an instance id that already exists with a different orchestrator or input.</summary>
public sealed class OrchestrationAlreadyExistsException(string instanceId, string existingName, OrchestrationRuntimeStatus status)
    : InvalidOperationException($"An instance with id '{instanceId}' already exists ({existingName}, {status}).")
{
    /// <summary>The id that is taken.</summary>
    public string InstanceId { get; } = instanceId;
}

/// <summary>No instance has that id.</summary>
public sealed class OrchestrationNotFoundException(string instanceId)
    : InvalidOperationException($"No orchestration instance has id '{instanceId}'.")
{
    /// <summary>The unknown id.</summary>
    public string InstanceId { get; } = instanceId;
}
