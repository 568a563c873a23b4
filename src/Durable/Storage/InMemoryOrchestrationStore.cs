namespace Pathfinder.Durable.Storage;

/// <summary>
/// The store contract in process memory, for fast unit tests. One lock serialises every call; a
/// version number per instance plays the part of the Table Storage ETag.
/// </summary>
public sealed class InMemoryOrchestrationStore : IOrchestrationStore
{
    private readonly Dictionary<string, Record> _instances = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();

    /// <inheritdoc />
    public Task<CreateResult> CreateAsync(InstanceState state, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_instances.TryGetValue(state.InstanceId, out var existing))
            {
                return Task.FromResult(new CreateResult(false, existing.Snapshot()));
            }
            var record = new Record(state);
            _instances.Add(state.InstanceId, record);
            return Task.FromResult(new CreateResult(true, record.Snapshot()));
        }
    }

    /// <inheritdoc />
    public Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var record) ? record.Snapshot() : null);
        }
    }

    /// <inheritdoc />
    public Task<InstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.TryGetValue(instanceId, out var record) ? record.State : null);
        }
    }

    /// <inheritdoc />
    public Task<InstanceSnapshot?> CommitAsync(InstanceSnapshot basis, StepCommit commit,
        CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(basis.State.InstanceId, out var record) ||
                record.Version != (long)basis.ConcurrencyToken)
            {
                return Task.FromResult<InstanceSnapshot?>(null);
            }
            if (commit.StartsNewGeneration)
            {
                record.History.Clear();
            }
            record.History.AddRange(commit.NewEvents);
            record.Messages.RemoveAll(m => commit.ConsumedMessageIds.Contains(m.Id));
            record.State = commit.NewState;
            record.Version++;
            return Task.FromResult<InstanceSnapshot?>(record.Snapshot());
        }
    }

    /// <inheritdoc />
    public Task SettleAsync(InstanceSnapshot snapshot, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<bool> SendAsync(string instanceId, OrchestrationMessage message, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (!_instances.TryGetValue(instanceId, out var record))
            {
                return Task.FromResult(false);
            }
            record.Messages.Add(message);
            return Task.FromResult(true);
        }
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<string>> GetDueAsync(DateTimeOffset now, int maxCount, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            IReadOnlyList<string> due = _instances.Values
                .Where(r => r.Messages.Count > 0 || (r.State.NextWakeAt is { } wake && wake <= now))
                .Select(r => r.State.InstanceId).Take(maxCount).ToList();
            return Task.FromResult(due);
        }
    }

    /// <inheritdoc />
    public Task ForgetAsync(string instanceId, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <inheritdoc />
    public Task<InstancePage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            var skip = query.ContinuationToken is null ? 0 : int.Parse(query.ContinuationToken,
                System.Globalization.CultureInfo.InvariantCulture);
            var matches = _instances.Values.Select(r => r.State)
                .Where(s => query.Statuses is not { Count: > 0 } || query.Statuses.Contains(s.Status))
                .Where(s => query.Name is null || string.Equals(s.Name, query.Name, StringComparison.OrdinalIgnoreCase))
                .Where(s => query.CreatedFrom is null || s.CreatedAt >= query.CreatedFrom)
                .Where(s => query.CreatedTo is null || s.CreatedAt <= query.CreatedTo)
                .OrderBy(s => s.InstanceId, StringComparer.Ordinal)
                .ToList();
            var page = matches.Skip(skip).Take(query.PageSize)
                .Select(s => s with { Input = null, Output = null, Failure = null }).ToList();
            var next = skip + page.Count < matches.Count
                ? (skip + page.Count).ToString(System.Globalization.CultureInfo.InvariantCulture)
                : null;
            return Task.FromResult(new InstancePage(page, next));
        }
    }

    /// <inheritdoc />
    public Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            return Task.FromResult(_instances.Remove(instanceId));
        }
    }

    private sealed class Record(InstanceState state)
    {
        public InstanceState State { get; set; } = state;

        public List<HistoryEvent> History { get; } = [];

        public List<OrchestrationMessage> Messages { get; } = [];

        public long Version { get; set; }

        public InstanceSnapshot Snapshot() =>
            new(State, History.ToList(), Messages.OrderBy(m => m.Id, StringComparer.Ordinal).ToList(), Version);
    }
}
