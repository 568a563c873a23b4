using Azure;
using Azure.Data.Tables;

namespace Pathfinder.Durable.Storage.Table;

/// <summary>Committing steps and keeping the index in line with them.</summary>
public sealed partial class TableOrchestrationStore
{
    /// <inheritdoc />
    public async Task<InstanceSnapshot?> CommitAsync(InstanceSnapshot basis, StepCommit commit,
        CancellationToken cancellationToken)
    {
        var token = (TableToken)basis.ConcurrencyToken;
        var id = basis.State.InstanceId;
        var state = commit.NewState;
        var first = commit.StartsNewGeneration ? 0 : token.HistoryCount;
        var historyCount = first + commit.NewEvents.Count;

        var historyRows = commit.NewEvents
            .Select((e, i) => TableRows.HistoryRow(id, state.Generation, first + i, e, _converter))
            .ToList();
        var deletes = commit.ConsumedMessageIds
            .Select(m => new TableTransactionAction(TableTransactionActionType.Delete, new TableEntity(id, m), ETag.All))
            .ToList();
        var instanceRow = TableRows.InstanceRow(state, historyCount, _converter);

        var etag = token.Instance;
        try
        {
            foreach (var batch in PlanBatches(historyRows, deletes, instanceRow, etag))
            {
                var response = await _history.SubmitTransactionAsync(batch.WithInstanceETag(etag), cancellationToken);
                etag = response.Value[0].Headers.ETag ?? throw new InvalidDataException("A transaction returned no ETag.");
            }
        }
        catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
        {
            // 412: someone committed since our load. 404: the instance (or a consumed message) is gone.
            return null;
        }

        if (commit.StartsNewGeneration)
        {
            var old = Enumerable.Range(0, token.HistoryCount)
                .Select(s => TableRows.HistoryRowKey(basis.State.Generation, s)).ToList();
            await DeleteRowsAsync(id, old, cancellationToken);
        }

        var leftover = basis.Messages.Count > commit.ConsumedMessageIds.Count;
        var indexTag = await WriteIndexAsync(state, leftover ? _time.GetUtcNow() : state.NextWakeAt, token.Index,
            cancellationToken);

        var history = commit.StartsNewGeneration ? commit.NewEvents.ToList() : basis.History.Concat(commit.NewEvents).ToList();
        var consumed = commit.ConsumedMessageIds.ToHashSet(StringComparer.Ordinal);
        var messages = basis.Messages.Where(m => !consumed.Contains(m.Id)).ToList();
        return new InstanceSnapshot(state, history, messages, new TableToken(etag, historyCount, indexTag));
    }

    /// <inheritdoc />
    public async Task SettleAsync(InstanceSnapshot snapshot, CancellationToken cancellationToken)
    {
        var token = (TableToken)snapshot.ConcurrencyToken;
        var due = snapshot.Messages.Count > 0 ? _time.GetUtcNow() : snapshot.State.NextWakeAt;
        await WriteIndexAsync(snapshot.State, due, token.Index, cancellationToken);
    }

    /// <summary>
    /// Writes the index row for a state just committed or loaded. The write is conditional on the index
    /// ETag seen before that load; if anyone wrote since, the index and the partition are read again and
    /// the row is written from what they say now. Returns the new index ETag.
    /// </summary>
    private async Task<ETag?> WriteIndexAsync(InstanceState state, DateTimeOffset? nextDue, ETag? seenBeforeLoad,
        CancellationToken cancellationToken)
    {
        var id = state.InstanceId;
        if (seenBeforeLoad is { } tag)
        {
            try
            {
                var written = await _instances.UpdateEntityAsync(TableRows.IndexRow(state, nextDue), tag,
                    TableUpdateMode.Replace, cancellationToken);
                RememberIndexTag(id, written.Headers.ETag, state.Status);
                return written.Headers.ETag;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Fall through to read what is there now.
            }
        }

        for (var attempt = 0; attempt < 10; attempt++)
        {
            var index = await _instances.GetEntityIfExistsAsync<TableEntity>(TableRows.IndexPartition, id,
                cancellationToken: cancellationToken);
            var truth = await LoadTruthAsync(id, cancellationToken);
            try
            {
                if (truth is null)
                {
                    if (index.HasValue && index.Value is { } orphan)
                    {
                        await _instances.DeleteEntityAsync(orphan, orphan.ETag, cancellationToken);
                    }
                    _indexTags.TryRemove(id, out _);
                    return null;
                }
                var (current, messagesWaiting) = truth.Value;
                var row = TableRows.IndexRow(current, messagesWaiting ? _time.GetUtcNow() : current.NextWakeAt);
                var written = index.HasValue && index.Value is { } existing
                    ? await _instances.UpdateEntityAsync(row, existing.ETag, TableUpdateMode.Replace, cancellationToken)
                    : await _instances.AddEntityAsync(row, cancellationToken);
                RememberIndexTag(id, written.Headers.ETag, current.Status);
                return written.Headers.ETag;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 409 or 412)
            {
                // Changed again while we looked: look again.
            }
        }
        throw new InvalidOperationException($"The index row of instance '{id}' kept changing; the next tick will repair it.");
    }

    /// <summary>The instance row and whether messages wait, without reading history.</summary>
    private async Task<(InstanceState State, bool MessagesWaiting)?> LoadTruthAsync(string instanceId,
        CancellationToken cancellationToken)
    {
        InstanceState? state = null;
        var messagesWaiting = false;
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {instanceId} and (RowKey eq {TableRows.InstanceRowKey} or (RowKey ge {"m"} and RowKey lt {"n"}))");
        await foreach (var row in _history.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            if (row.RowKey == TableRows.InstanceRowKey)
            {
                state = TableRows.ReadInstance(row, _converter);
            }
            else
            {
                messagesWaiting = true;
            }
        }
        return state is null ? null : (state, messagesWaiting);
    }

    /// <summary>
    /// Splits a step into transactions of at most 100 operations and about 3.5 MB. Every transaction
    /// carries the instance row under its ETag, so a worker that lost the instance cannot write into it;
    /// only the last one moves the committed history count, so readers never see a partial step.
    /// </summary>
    private static List<PlannedBatch> PlanBatches(List<TableEntity> historyRows,
        List<TableTransactionAction> deletes, TableEntity instanceRow, ETag etag)
    {
        var finalSize = LargeText.EstimateSize(instanceRow);
        var finalRoom = MaxBatchOperations - 1 - deletes.Count;
        var tail = new List<TableEntity>();
        for (var i = historyRows.Count - 1; i >= 0 && tail.Count < finalRoom; i--)
        {
            var size = LargeText.EstimateSize(historyRows[i]);
            if (finalSize + size > MaxBatchBytes)
            {
                break;
            }
            finalSize += size;
            tail.Insert(0, historyRows[i]);
        }

        var batches = new List<PlannedBatch>();
        var leading = historyRows.Take(historyRows.Count - tail.Count).ToList();
        var current = new List<TableEntity>();
        long currentSize = 0;
        foreach (var row in leading)
        {
            var size = LargeText.EstimateSize(row);
            if (current.Count == MaxBatchOperations - 1 || (current.Count > 0 && currentSize + size > MaxBatchBytes))
            {
                batches.Add(PlannedBatch.Leading(instanceRow, current));
                current = [];
                currentSize = 0;
            }
            current.Add(row);
            currentSize += size;
        }
        if (current.Count > 0)
        {
            batches.Add(PlannedBatch.Leading(instanceRow, current));
        }
        batches.Add(new PlannedBatch(instanceRow, false,
            [.. tail.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)), .. deletes]));
        return batches;
    }

    /// <summary>One transaction of a step; the instance row operation is added with the ETag current when it is sent.</summary>
    private sealed record PlannedBatch(TableEntity InstanceRow, bool IsLeading, List<TableTransactionAction> Rows)
    {
        public static PlannedBatch Leading(TableEntity instanceRow, List<TableEntity> rows) =>
            new(instanceRow, true, rows.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, r)).ToList());

        public IEnumerable<TableTransactionAction> WithInstanceETag(ETag etag)
        {
            // Leading parts touch the instance row (a merge of a marker) only to claim it under its ETag.
            var instance = IsLeading
                ? new TableTransactionAction(TableTransactionActionType.UpdateMerge,
                    new TableEntity(InstanceRow.PartitionKey, InstanceRow.RowKey) { ["CommitInProgress"] = true }, etag)
                : new TableTransactionAction(TableTransactionActionType.UpdateReplace, InstanceRow, etag);
            return Rows.Prepend(instance);
        }
    }
}
