using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Hosting;

/// <summary>A document as read, with the ETag a conditional write of it must match.</summary>
public sealed record Stored<T>(T Document, ETag ETag);

/// <summary>
/// A table whose rows each hold one JSON document (of any size up to an entity), plus whatever columns
/// queries filter on. Changes are applied under the row's ETag and reapplied when someone wrote first.
/// </summary>
public sealed class DocumentTable<T>(TableClient table, JsonSerializerOptions json, Func<T, TableEntity> keysAndColumns)
    where T : notnull
{
    private const string Document = "Document";
    private readonly Once _created = new(() => table.CreateIfNotExistsAsync());

    public async Task<T?> GetAsync(string partitionKey, string rowKey, CancellationToken cancellationToken) =>
        await GetStoredAsync(partitionKey, rowKey, cancellationToken) is { } found ? found.Document : default;

    /// <summary>Adds a document; false when a row with its keys exists already.</summary>
    public async Task<bool> AddAsync(T document, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        try
        {
            await table.AddEntityAsync(ToEntity(document), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/>, which returns a plain-words failure when it no longer applies. Given the
    /// document as the caller already read it (<paramref name="known"/>), the first attempt writes against that
    /// read instead of reading again; a row changed since is read afresh, as after any lost race.
    /// </summary>
    public async Task<Result<T>> UpdateAsync(
        string partitionKey,
        string rowKey,
        Func<T, Result<T>> change,
        string missing,
        CancellationToken cancellationToken,
        Stored<T>? known = null
    )
    {
        while (true)
        {
            var current = known ?? await GetStoredAsync(partitionKey, rowKey, cancellationToken);
            known = null;
            if (current is null)
            {
                return Result.Failure<T>(missing);
            }
            var changed = change(current.Document);
            // A change that gives the same document back has nothing to write.
            if (!changed.IsSuccess || ReferenceEquals(changed.Value, current.Document))
            {
                return changed;
            }
            try
            {
                await table.UpdateEntityAsync(
                    ToEntity(changed.Value),
                    current.ETag,
                    TableUpdateMode.Replace,
                    cancellationToken
                );
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since we read it: read again and reapply.
            }
        }
    }

    public async Task<IReadOnlyList<T>> QueryAsync(string filter, CancellationToken cancellationToken)
    {
        await EnsureAsync(cancellationToken);
        var documents = new List<T>();
        await foreach (var row in table.QueryAsync<TableEntity>(filter, cancellationToken: cancellationToken))
        {
            documents.Add(FromEntity(row));
        }
        return documents;
    }

    /// <summary>Creates the table on first use in this process.</summary>
    public Task EnsureAsync(CancellationToken cancellationToken) => _created.EnsureAsync(cancellationToken);

    /// <summary>The document and its ETag, or null when there is no such row.</summary>
    public async Task<Stored<T>?> GetStoredAsync(
        string partitionKey,
        string rowKey,
        CancellationToken cancellationToken
    )
    {
        await EnsureAsync(cancellationToken);
        var row = await table.GetEntityIfExistsAsync<TableEntity>(
            partitionKey,
            rowKey,
            cancellationToken: cancellationToken
        );
        return row.HasValue && row.Value is { } entity ? new Stored<T>(FromEntity(entity), entity.ETag) : null;
    }

    private TableEntity ToEntity(T document)
    {
        var entity = keysAndColumns(document);
        LargeText.Write(entity, Document, JsonSerializer.Serialize(document, json));
        return entity;
    }

    private T FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<T>(
            LargeText.Read(entity, Document)
                ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} holds no document."),
            json
        ) ?? throw new InvalidDataException($"Row {entity.PartitionKey}/{entity.RowKey} holds an empty document.");
}
