using System.Collections.Concurrent;
using Azure;
using Azure.Data.Tables;

namespace Pathfinder.Durable.Storage.Table;

/// <summary>
/// The store on Azure Table Storage (see <see cref="TableRows"/> for the layout). A step is one
/// entity-group transaction on the instance's partition, guarded by the instance row's ETag. The
/// <c>Instances</c> index is a projection written after each commit; it only ever errs towards
/// "due now", so the tick may look at an instance needlessly but never misses one.
/// </summary>
public sealed partial class TableOrchestrationStore : IOrchestrationStore
{
    private const int MaxBatchOperations = 100;
    private const long MaxBatchBytes = 3_500_000;
    private const int MaxCachedIndexTags = 50_000;

    private readonly TableClient _history;
    private readonly TableClient _instances;
    private readonly DataConverter _converter;
    private readonly TimeProvider _time;

    // The index row's ETag as this process last saw it, taken before a load so that a write based on
    // that load fails if anyone touched the index since (a new message, another worker's commit).
    private readonly ConcurrentDictionary<string, ETag> _indexTags = new(StringComparer.Ordinal);
    private Task? _tablesReady;

    /// <summary>Creates the store on tables <c>{taskHub}History</c> and <c>{taskHub}Instances</c>.</summary>
    public TableOrchestrationStore(TableServiceClient service, string taskHub, DataConverter converter, TimeProvider time)
    {
        _history = service.GetTableClient(taskHub + "History");
        _instances = service.GetTableClient(taskHub + "Instances");
        _converter = converter;
        _time = time;
    }

    /// <inheritdoc />
    public async Task<CreateResult> CreateAsync(InstanceState state, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var id = state.InstanceId;
        // The index row first: if the process dies after it, the tick finds the id and tidies up.
        var indexExisted = false;
        try
        {
            var added = await _instances.AddEntityAsync(TableRows.IndexRow(state, state.NextWakeAt), cancellationToken);
            RememberIndexTag(id, added.Headers.ETag, state.Status);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            indexExisted = true;
        }

        Response instanceAdded;
        try
        {
            instanceAdded = await _history.AddEntityAsync(TableRows.InstanceRow(state, 0, _converter), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            var existing = await LoadAsync(id, cancellationToken)
                           ?? throw new InvalidOperationException($"Instance '{id}' was removed while being created.");
            return new CreateResult(false, existing);
        }

        if (indexExisted)
        {
            // A start that died between its two writes left an index row behind: replace it.
            var replaced = await _instances.UpsertEntityAsync(TableRows.IndexRow(state, state.NextWakeAt),
                TableUpdateMode.Replace, cancellationToken);
            RememberIndexTag(id, replaced.Headers.ETag, state.Status);
        }
        var token = new TableToken(instanceAdded.Headers.ETag ?? ETag.All, 0, IndexTag(id));
        return new CreateResult(true, new InstanceSnapshot(state, [], [], token));
    }

    /// <inheritdoc />
    public async Task<InstanceSnapshot?> LoadAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var indexTag = IndexTag(instanceId);
        TableEntity? instanceRow = null;
        var historyRows = new List<TableEntity>();
        var messages = new List<OrchestrationMessage>();
        await foreach (var row in _history.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"),
                           cancellationToken: cancellationToken))
        {
            if (row.RowKey == TableRows.InstanceRowKey)
            {
                instanceRow = row;
            }
            else if (TableRows.IsHistoryRow(row.RowKey))
            {
                historyRows.Add(row);
            }
            else if (TableRows.IsMessageRow(row.RowKey))
            {
                messages.Add(TableRows.ReadMessage(row));
            }
        }
        if (instanceRow is null)
        {
            return null;
        }

        var state = TableRows.ReadInstance(instanceRow, _converter);
        var count = TableRows.HistoryCount(instanceRow);
        // Rows past the committed count, or of another generation, are leftovers of a step that never
        // committed or of history replaced by ContinueAsNew: not part of the instance.
        var history = historyRows
            .Select(r => (Key: TableRows.ParseHistoryRowKey(r.RowKey), Row: r))
            .Where(r => r.Key.Generation == state.Generation && r.Key.Sequence < count)
            .OrderBy(r => r.Key.Sequence)
            .Select(r => TableRows.ReadHistory(r.Row, _converter))
            .ToList();
        if (history.Count != count)
        {
            throw new InvalidDataException(
                $"Instance '{instanceId}' should have {count} history rows in generation {state.Generation} but has {history.Count}.");
        }
        messages.Sort((a, b) => string.CompareOrdinal(a.Id, b.Id));
        return new InstanceSnapshot(state, history, messages, new TableToken(instanceRow.ETag, count, indexTag));
    }

    /// <inheritdoc />
    public async Task<InstanceState?> GetStateAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var row = await _history.GetEntityIfExistsAsync<TableEntity>(instanceId, TableRows.InstanceRowKey,
            cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? TableRows.ReadInstance(entity, _converter) : null;
    }

    /// <inheritdoc />
    public async Task<bool> SendAsync(string instanceId, OrchestrationMessage message, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        // Message first, then the due mark: a worker that loaded before the message fails its index
        // write on the changed ETag and looks again, so the message cannot be overlooked.
        await _history.AddEntityAsync(TableRows.MessageRow(instanceId, message), cancellationToken);
        try
        {
            var marked = await _instances.UpdateEntityAsync(
                new TableEntity(TableRows.IndexPartition, instanceId) { ["NextDue"] = message.SentAt },
                ETag.All, TableUpdateMode.Merge, cancellationToken);
            _indexTags[instanceId] = marked.Headers.ETag ?? ETag.All;
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            await DeleteIgnoringMissingAsync(_history, instanceId, message.Id, cancellationToken);
            return false;
        }
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<string>> GetDueAsync(DateTimeOffset now, int maxCount,
        CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {TableRows.IndexPartition} and NextDue le {now}");
        var due = new List<string>();
        await foreach (var page in _instances.QueryAsync<TableEntity>(filter, maxCount, ["RowKey", "Status"],
                           cancellationToken).AsPages(pageSizeHint: maxCount))
        {
            foreach (var row in page.Values)
            {
                _indexTags[row.RowKey] = row.ETag;
                due.Add(row.RowKey);
            }
            break;
        }
        return due;
    }

    /// <inheritdoc />
    public async Task ForgetAsync(string instanceId, CancellationToken cancellationToken)
    {
        _indexTags.TryRemove(instanceId, out _);
        var index = await _instances.GetEntityIfExistsAsync<TableEntity>(TableRows.IndexPartition, instanceId,
            cancellationToken: cancellationToken);
        // Only an index row old enough not to belong to a start still in progress is an orphan.
        if (index.HasValue && index.Value is { } row &&
            row.GetDateTimeOffset("CreatedAt") < _time.GetUtcNow() - TimeSpan.FromMinutes(1))
        {
            try
            {
                await _instances.DeleteEntityAsync(row, row.ETag, cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Changed or gone meanwhile: whoever changed it owns it.
            }
        }
    }

    /// <inheritdoc />
    public async Task<InstancePage> QueryAsync(OrchestrationQuery query, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey eq {TableRows.IndexPartition}") };
        if (query.Statuses is { Count: > 0 } statuses)
        {
            filters.Add("(" + string.Join(" or ",
                statuses.Select(s => TableClient.CreateQueryFilter($"Status eq {s.ToString()}"))) + ")");
        }
        if (query.Name is { } name)
        {
            filters.Add(TableClient.CreateQueryFilter($"Name eq {name}"));
        }
        if (query.CreatedFrom is { } from)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt ge {from}"));
        }
        if (query.CreatedTo is { } to)
        {
            filters.Add(TableClient.CreateQueryFilter($"CreatedAt le {to}"));
        }
        var filter = string.Join(" and ", filters);
        await foreach (var page in _instances.QueryAsync<TableEntity>(filter, query.PageSize,
                               cancellationToken: cancellationToken)
                           .AsPages(query.ContinuationToken, query.PageSize))
        {
            return new InstancePage(page.Values.Select(TableRows.ReadIndex).ToList(), page.ContinuationToken);
        }
        return new InstancePage([], null);
    }

    /// <inheritdoc />
    public async Task<bool> PurgeAsync(string instanceId, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var keys = new List<string>();
        await foreach (var row in _history.QueryAsync<TableEntity>(
                           TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"), select: ["RowKey"],
                           cancellationToken: cancellationToken))
        {
            keys.Add(row.RowKey);
        }
        if (!keys.Contains(TableRows.InstanceRowKey))
        {
            return false;
        }
        // The instance row goes last, so a purge cut short can simply be run again.
        keys.Remove(TableRows.InstanceRowKey);
        await DeleteRowsAsync(instanceId, keys, cancellationToken);
        await DeleteIgnoringMissingAsync(_history, instanceId, TableRows.InstanceRowKey, cancellationToken);
        await DeleteIgnoringMissingAsync(_instances, TableRows.IndexPartition, instanceId, cancellationToken);
        _indexTags.TryRemove(instanceId, out _);
        return true;
    }

    private Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        var ready = _tablesReady;
        if (ready is null || ready.IsFaulted || ready.IsCanceled)
        {
            // Two callers racing here both create: harmless, CreateIfNotExists is idempotent.
            ready = CreateTablesAsync();
            _tablesReady = ready;
        }
        return ready.IsCompletedSuccessfully ? Task.CompletedTask : ready.WaitAsync(cancellationToken);
    }

    private async Task CreateTablesAsync()
    {
        await _history.CreateIfNotExistsAsync();
        await _instances.CreateIfNotExistsAsync();
    }

    private ETag? IndexTag(string instanceId) => _indexTags.TryGetValue(instanceId, out var tag) ? tag : null;

    private void RememberIndexTag(string instanceId, ETag? tag, OrchestrationRuntimeStatus status)
    {
        if (status.IsTerminal() || tag is null)
        {
            // A finished instance is never due again: forgetting it keeps memory flat.
            _indexTags.TryRemove(instanceId, out _);
            return;
        }
        if (_indexTags.Count > MaxCachedIndexTags)
        {
            // Only a hint: losing it costs one extra read per instance, never correctness.
            _indexTags.Clear();
        }
        _indexTags[instanceId] = tag.Value;
    }

    private static async Task DeleteIgnoringMissingAsync(TableClient table, string partitionKey, string rowKey,
        CancellationToken cancellationToken)
    {
        try
        {
            await table.DeleteEntityAsync(partitionKey, rowKey, ETag.All, cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            // Already gone.
        }
    }

    private async Task DeleteRowsAsync(string instanceId, IReadOnlyList<string> rowKeys,
        CancellationToken cancellationToken)
    {
        foreach (var chunk in rowKeys.Chunk(MaxBatchOperations))
        {
            try
            {
                await _history.SubmitTransactionAsync(chunk.Select(k =>
                        new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(instanceId, k), ETag.All)),
                    cancellationToken);
            }
            catch (RequestFailedException e) when (e.Status == 404)
            {
                // Someone deleted one of them first: delete the rest one by one.
                foreach (var key in chunk)
                {
                    await DeleteIgnoringMissingAsync(_history, instanceId, key, cancellationToken);
                }
            }
        }
    }

    /// <summary>What a snapshot was loaded at: the instance row's ETag and history count, and the index ETag seen before.</summary>
    private sealed record TableToken(ETag Instance, int HistoryCount, ETag? Index);
}
