using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Pathfinder.Domain;
using Pathfinder.Durable.Storage.Table;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// The <c>Applications</c> table (partition: SHA code, row: reference) and the <c>Practices</c> index
/// (partition: practice code, row: reference) that finds who else holds a practice.
/// </summary>
public sealed class ApplicationRepository(ProgrammeTables tables, JsonSerializerOptions json)
{
    private const string CounterPartition = "counters";
    private readonly TableClient _applications = tables.Client("Applications");
    private readonly TableClient _practices = tables.Client("Practices");
    private Task? _ready;

    /// <summary>The next reference for an SHA, e.g. <c>Q35-0007</c>.</summary>
    public async Task<string> AllocateReferenceAsync(ShaCode sha, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        while (true)
        {
            var counter = await _applications.GetEntityIfExistsAsync<TableEntity>(CounterPartition, sha.Code,
                cancellationToken: cancellationToken);
            var next = (counter.HasValue ? counter.Value!.GetInt32("Next") ?? 1 : 1);
            var row = new TableEntity(CounterPartition, sha.Code) { ["Next"] = next + 1 };
            try
            {
                if (counter.HasValue)
                {
                    await _applications.UpdateEntityAsync(row, counter.Value!.ETag, TableUpdateMode.Replace, cancellationToken);
                }
                else
                {
                    await _applications.AddEntityAsync(row, cancellationToken);
                }
                return string.Create(CultureInfo.InvariantCulture, $"{sha.Code}-{next:D4}");
            }
            catch (RequestFailedException e) when (e.Status is 409 or 412)
            {
                // Another submission took this number: take the next.
            }
        }
    }

    public async Task<ApplicationRecord?> GetAsync(string reference, CancellationToken cancellationToken) =>
        (await GetWithETagAsync(reference, cancellationToken))?.Record;

    /// <summary>Stores a new application and indexes its practices; does nothing if it is already there.</summary>
    public async Task CreateAsync(ApplicationRecord record, CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        try
        {
            await _applications.AddEntityAsync(ToEntity(record), cancellationToken);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            // A retried activity: the first attempt stored it.
        }
        foreach (var code in record.PracticeCodes)
        {
            await _practices.UpsertEntityAsync(new TableEntity(code, record.Reference), TableUpdateMode.Replace,
                cancellationToken);
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> under the row's ETag, retrying when someone else wrote first.
    /// The change returns a failure (in plain words) when it no longer applies.
    /// </summary>
    public async Task<Result<ApplicationRecord>> UpdateAsync(string reference,
        Func<ApplicationRecord, Result<ApplicationRecord>> change, CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await GetWithETagAsync(reference, cancellationToken);
            if (current is null)
            {
                return Result.Failure<ApplicationRecord>($"No application has reference {reference}.");
            }
            var changed = change(current.Value.Record);
            if (!changed.IsSuccess)
            {
                return changed;
            }
            try
            {
                await _applications.UpdateEntityAsync(ToEntity(changed.Value), current.Value.ETag, TableUpdateMode.Replace,
                    cancellationToken);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since we read it: read again and reapply.
            }
        }
    }

    /// <summary>Every application, or those of one SHA, optionally with one status.</summary>
    public async Task<IReadOnlyList<ApplicationRecord>> ListAsync(string? shaCode, ApplicationStatus? status,
        CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey ne {CounterPartition}") };
        if (shaCode is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {shaCode}"));
        }
        if (status is { } wanted)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {wanted.ToString()}"));
        }
        var records = new List<ApplicationRecord>();
        await foreach (var row in _applications.QueryAsync<TableEntity>(string.Join(" and ", filters),
                           cancellationToken: cancellationToken))
        {
            records.Add(FromEntity(row));
        }
        return records;
    }

    /// <summary>The applications that name any of these practices (the one asking included).</summary>
    public async Task<IReadOnlyList<ApplicationSummary>> HoldersOfAsync(IEnumerable<string> practiceCodes,
        CancellationToken cancellationToken)
    {
        await EnsureTablesAsync(cancellationToken);
        var references = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in practiceCodes.Distinct())
        {
            await foreach (var row in _practices.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {code}"),
                               select: ["RowKey"], cancellationToken: cancellationToken))
            {
                references.Add(row.RowKey);
            }
        }
        var holders = new List<ApplicationSummary>();
        foreach (var reference in references)
        {
            if (await GetAsync(reference, cancellationToken) is { } record)
            {
                holders.Add(record.ToSummary());
            }
        }
        return holders;
    }

    private async Task<(ApplicationRecord Record, ETag ETag)?> GetWithETagAsync(string reference,
        CancellationToken cancellationToken)
    {
        if (reference.Length < 4 || ShaCode.From(reference[..3]) is not { IsSuccess: true } sha)
        {
            return null;
        }
        await EnsureTablesAsync(cancellationToken);
        var row = await _applications.GetEntityIfExistsAsync<TableEntity>(sha.Value.Code, reference,
            cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? (FromEntity(entity), entity.ETag) : null;
    }

    private TableEntity ToEntity(ApplicationRecord record)
    {
        var entity = new TableEntity(record.ShaCode, record.Reference)
        {
            ["Status"] = record.Status.ToString(),
            ["ConsortiumName"] = record.ConsortiumName,
            ["Overdue"] = record.Overdue,
        };
        LargeText.Write(entity, "Document", JsonSerializer.Serialize(record, json));
        return entity;
    }

    private ApplicationRecord FromEntity(TableEntity entity) =>
        JsonSerializer.Deserialize<ApplicationRecord>(LargeText.Read(entity, "Document")!, json)
        ?? throw new InvalidDataException($"Application row {entity.RowKey} holds no document.");

    private Task EnsureTablesAsync(CancellationToken cancellationToken)
    {
        var ready = _ready;
        if (ready is null || ready.IsFaulted)
        {
            ready = Task.WhenAll(_applications.CreateIfNotExistsAsync(CancellationToken.None),
                _practices.CreateIfNotExistsAsync(CancellationToken.None));
            _ready = ready;
        }
        return ready.WaitAsync(cancellationToken);
    }
}
