using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Pathfinder.Domain;
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
    private readonly DocumentTable<ApplicationRecord> _documents = new(
        tables.Client("Applications"),
        json,
        r => new TableEntity(r.ShaCode, r.Reference)
        {
            ["Status"] = r.Status.ToString(),
            ["ConsortiumName"] = r.ConsortiumName,
            ["Overdue"] = r.Overdue,
        }
    );

    private readonly Once _practicesCreated = new(() => tables.Client("Practices").CreateIfNotExistsAsync());

    /// <summary>The next reference for an SHA, e.g. <c>Q35-0007</c>.</summary>
    public async Task<string> AllocateReferenceAsync(ShaCode sha, CancellationToken cancellationToken)
    {
        await _documents.EnsureAsync(cancellationToken);
        while (true)
        {
            var counter = await _applications.GetEntityIfExistsAsync<TableEntity>(
                CounterPartition,
                sha.Code,
                cancellationToken: cancellationToken
            );
            var next = (counter.HasValue ? counter.Value!.GetInt32("Next") ?? 1 : 1);
            var row = new TableEntity(CounterPartition, sha.Code) { ["Next"] = next + 1 };
            try
            {
                if (counter.HasValue)
                {
                    await _applications.UpdateEntityAsync(
                        row,
                        counter.Value!.ETag,
                        TableUpdateMode.Replace,
                        cancellationToken
                    );
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
        (await GetStoredAsync(reference, cancellationToken))?.Document;

    /// <summary>The record with its ETag, for a change to write against this very read.</summary>
    public async Task<Stored<ApplicationRecord>?> GetStoredAsync(
        string reference,
        CancellationToken cancellationToken
    ) => ShaOf(reference) is { } sha ? await _documents.GetStoredAsync(sha, reference, cancellationToken) : null;

    /// <summary>Stores a new application and indexes its practices; does nothing if it is already there.</summary>
    public async Task CreateAsync(ApplicationRecord record, CancellationToken cancellationToken)
    {
        // False means a retried activity: the first attempt stored it.
        await _documents.AddAsync(record, cancellationToken);
        await EnsurePracticesAsync(cancellationToken);
        foreach (var code in record.PracticeCodes)
        {
            await _practices.UpsertEntityAsync(
                new TableEntity(code, record.Reference),
                TableUpdateMode.Replace,
                cancellationToken
            );
        }
    }

    /// <summary>
    /// Applies <paramref name="change"/> under the row's ETag, retrying when someone else wrote first.
    /// The change returns a failure (in plain words) when it no longer applies. With the record as the caller read it
    /// (<paramref name="known"/>), the row is not read again unless it changed since.
    /// </summary>
    public Task<Result<ApplicationRecord>> UpdateAsync(
        string reference,
        Func<ApplicationRecord, Result<ApplicationRecord>> change,
        CancellationToken cancellationToken,
        Stored<ApplicationRecord>? known = null
    ) =>
        ShaOf(reference) is { } sha
            ? _documents.UpdateAsync(
                sha,
                reference,
                change,
                $"No application has reference {reference}.",
                cancellationToken,
                known
            )
            : Task.FromResult(Result.Failure<ApplicationRecord>($"No application has reference {reference}."));

    /// <summary>Every application, or those of one SHA, optionally with one status.</summary>
    public Task<IReadOnlyList<ApplicationRecord>> ListAsync(
        string? shaCode,
        ApplicationStatus? status,
        CancellationToken cancellationToken
    )
    {
        var filters = new List<string> { TableClient.CreateQueryFilter($"PartitionKey ne {CounterPartition}") };
        if (shaCode is not null)
        {
            filters.Add(TableClient.CreateQueryFilter($"PartitionKey eq {shaCode}"));
        }
        if (status is { } wanted)
        {
            filters.Add(TableClient.CreateQueryFilter($"Status eq {wanted.ToString()}"));
        }
        return _documents.QueryAsync(string.Join(" and ", filters), cancellationToken);
    }

    /// <summary>
    /// The applications that name any of these practices (the one asking included). Records the caller already holds
    /// (<paramref name="known"/>, a list page's rows, say) are not read again.
    /// </summary>
    public async Task<IReadOnlyList<ApplicationSummary>> HoldersOfAsync(
        IEnumerable<string> practiceCodes,
        CancellationToken cancellationToken,
        IReadOnlyCollection<ApplicationRecord>? known = null
    )
    {
        var inHand = (known ?? []).ToDictionary(r => r.Reference, StringComparer.Ordinal);
        await EnsurePracticesAsync(cancellationToken);
        var references = new HashSet<string>(StringComparer.Ordinal);
        foreach (var code in practiceCodes.Distinct())
        {
            await foreach (
                var row in _practices.QueryAsync<TableEntity>(
                    TableClient.CreateQueryFilter($"PartitionKey eq {code}"),
                    select: ["RowKey"],
                    cancellationToken: cancellationToken
                )
            )
            {
                references.Add(row.RowKey);
            }
        }
        var holders = new List<ApplicationSummary>();
        foreach (var reference in references)
        {
            if ((inHand.GetValueOrDefault(reference) ?? await GetAsync(reference, cancellationToken)) is { } record)
            {
                holders.Add(record.ToSummary());
            }
        }
        return holders;
    }

    /// <summary>The SHA an application reference belongs to (its first three characters), or null for no known
    /// SHA.</summary>
    public static string? ShaOf(string reference) =>
        reference.Length >= 4 && ShaCode.From(reference[..3]) is { IsSuccess: true } sha ? sha.Value.Code : null;

    private Task EnsurePracticesAsync(CancellationToken cancellationToken) =>
        _practicesCreated.EnsureAsync(cancellationToken);
}
