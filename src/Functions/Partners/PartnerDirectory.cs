using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Partners;

/// <summary>How a write to the directory went: done, beaten by another change, or refused by a key already
/// taken.</summary>
public enum PartnerWrite
{
    Done,

    /// <summary>The partner changed since the caller read it (another version, or removed).</summary>
    Stale,

    /// <summary>Another partner holds what this one must not share (an SHA's LMC, a national body's name).</summary>
    Duplicate,

    /// <summary>A partner with this id exists already (or existed: removed partners keep their id).</summary>
    IdTaken,
}

/// <summary>
/// Who is told what: the national team's partners, in one partition of the <c>Partners</c> table so each change is
/// one transaction. Rows: <c>partner-{id}</c> (the partner, with a version for its ETag), <c>key-{hash}</c> (what two
/// partners may not share, see <see cref="PartnerDetails.UniqueKey"/>: adding it fails if another holds it, which
/// keeps duplicates out even when two people add at once) and <c>history-{id}_{version}</c> (who changed what, when).
/// </summary>
public sealed class PartnerDirectory(TableServiceClient service, string tableName = "Partners")
{
    private const string Partition = "directory";
    private const string PartnerPrefix = "partner-";
    private const string KeyPrefix = "key-";
    private const string HistoryPrefix = "history-";

    private readonly TableClient _table = service.GetTableClient(tableName);
    private readonly Once _created = new(() => service.GetTableClient(tableName).CreateIfNotExistsAsync());

    /// <summary>Every partner not removed, by kind, SHA and name; with <paramref name="removed"/>, the removed
    /// too.</summary>
    public async Task<IReadOnlyList<Partner>> ListAsync(CancellationToken ct, bool removed = false)
    {
        await _created.EnsureAsync(ct);
        var partners = new List<Partner>();
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and RowKey ge {PartnerPrefix} and RowKey lt {"partner."}"
        );
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var partner = FromRow(row);
            if (removed || partner.Removed is null)
            {
                partners.Add(partner);
            }
        }
        return
        [
            .. partners
                .OrderBy(p => p.Kind)
                .ThenBy(p => p.Details.Sha?.Code, StringComparer.Ordinal)
                .ThenBy(p => p.Name, StringComparer.OrdinalIgnoreCase),
        ];
    }

    /// <summary>Who receives mail of this kind: for the per-SHA kinds, the one of <paramref name="sha"/>; else
    /// all.</summary>
    public async Task<IReadOnlyList<Partner>> RecipientsAsync(PartnerKind kind, string? sha, CancellationToken ct) =>
        [
            .. (await ListAsync(ct)).Where(p =>
                p.Kind == kind
                && (
                    !PartnerRules.IsPerSha(kind)
                    || string.Equals(p.Details.Sha?.Code, sha, StringComparison.OrdinalIgnoreCase)
                )
            ),
        ];

    /// <summary>The partner, removed or not; null when there has never been one with this id.</summary>
    public async Task<Partner?> GetAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return null;
        }
        await _created.EnsureAsync(ct);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(
            Partition,
            PartnerPrefix + id,
            cancellationToken: ct
        );
        return row.HasValue && row.Value is { } entity ? FromRow(entity) : null;
    }

    /// <summary>The partner's history, oldest first.</summary>
    public async Task<IReadOnlyList<PartnerHistoryEntry>> HistoryAsync(string id, CancellationToken ct)
    {
        if (!IsId(id))
        {
            return [];
        }
        await _created.EnsureAsync(ct);
        var entries = new List<PartnerHistoryEntry>();
        // The partner's rows: "_" after the id, and "`" (the next character) as the exclusive upper bound.
        var (from, to) = (HistoryPrefix + id + "_", HistoryPrefix + id + "`");
        var filter = TableClient.CreateQueryFilter(
            $"PartitionKey eq {Partition} and RowKey ge {from} and RowKey lt {to}"
        );
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            entries.Add(
                new PartnerHistoryEntry(
                    row.GetInt32("Version") ?? 0,
                    Enum.Parse<PartnerAction>(row.GetString("Action")),
                    row.GetString("By") ?? "unknown",
                    row.GetDateTimeOffset("At") ?? DateTimeOffset.MinValue,
                    JsonSerializer.Deserialize<List<string>>(row.GetString("Changes") ?? "[]") ?? []
                )
            );
        }
        return [.. entries.OrderBy(e => e.Version)];
    }

    /// <summary>Adds a partner at version 1 with its first history line, all or nothing.</summary>
    public async Task<PartnerWrite> AddAsync(
        string id,
        PartnerDetails details,
        PartnerStamp stamp,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(details);
        ArgumentNullException.ThrowIfNull(stamp);
        var partner = new Partner(id, details, 1);
        return await SubmitAsync(
            [
                new(TableTransactionActionType.Add, ToRow(partner)),
                new(TableTransactionActionType.Add, KeyRow(details, id)),
                new(
                    TableTransactionActionType.Add,
                    HistoryRow(
                        id,
                        1,
                        PartnerAction.Added,
                        stamp,
                        [$"Added as {details.KindAndArea}: {details.Name}, {string.Join(" ", details.Addresses)}"]
                    )
                ),
            ],
            ct
        );
    }

    /// <summary>Replaces the partner's details if it is still at <paramref name="expected"/>'s version.</summary>
    public async Task<PartnerWrite> ChangeAsync(
        Partner expected,
        PartnerDetails details,
        PartnerStamp stamp,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(details);
        var current = await CurrentAsync(expected, ct);
        if (current is null)
        {
            return PartnerWrite.Stale;
        }
        var changed = new Partner(expected.Id, details, expected.Version + 1);
        var actions = new List<TableTransactionAction>
        {
            new(TableTransactionActionType.UpdateReplace, ToRow(changed), current.ETag),
        };
        if (details.UniqueKey != expected.Details.UniqueKey)
        {
            actions.Add(new(TableTransactionActionType.Delete, KeyRow(expected.Details, expected.Id), ETag.All));
            actions.Add(new(TableTransactionActionType.Add, KeyRow(details, expected.Id)));
        }
        actions.Add(
            new(
                TableTransactionActionType.Add,
                HistoryRow(
                    expected.Id,
                    changed.Version,
                    PartnerAction.Changed,
                    stamp,
                    PartnerRules.Changes(expected.Details, details)
                )
            )
        );
        return await SubmitAsync(actions, ct);
    }

    /// <summary>
    /// Removes the partner if it is still at <paramref name="expected"/>'s version: it is told nothing more, what it
    /// held (its SHA's place, its name) is free again, and its row and history stay.
    /// </summary>
    public async Task<PartnerWrite> RemoveAsync(Partner expected, PartnerStamp stamp, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(expected);
        var current = await CurrentAsync(expected, ct);
        if (current is null)
        {
            return PartnerWrite.Stale;
        }
        var removed = new Partner(expected.Id, expected.Details, expected.Version + 1) { Removed = stamp };
        return await SubmitAsync(
            [
                new(TableTransactionActionType.UpdateReplace, ToRow(removed), current.ETag),
                new(TableTransactionActionType.Delete, KeyRow(expected.Details, expected.Id), ETag.All),
                new(
                    TableTransactionActionType.Add,
                    HistoryRow(
                        expected.Id,
                        removed.Version,
                        PartnerAction.Removed,
                        stamp,
                        [$"Removed: {expected.Details.KindAndArea}, {expected.Name}"]
                    )
                ),
            ],
            ct
        );
    }

    /// <summary>Ids are lower-case letters, digits and dashes: safe in a row key and an address.</summary>
    public static bool IsId(string? id) =>
        id is { Length: > 0 and <= 64 } && id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-');

    private async Task<TableEntity?> CurrentAsync(Partner expected, CancellationToken ct)
    {
        await _created.EnsureAsync(ct);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(
            Partition,
            PartnerPrefix + expected.Id,
            cancellationToken: ct
        );
        return
            row.HasValue
            && row.Value is { } entity
            && FromRow(entity) is { Removed: null } partner
            && partner.Version == expected.Version
            ? entity
            : null;
    }

    private async Task<PartnerWrite> SubmitAsync(List<TableTransactionAction> actions, CancellationToken ct)
    {
        await _created.EnsureAsync(ct);
        try
        {
            await _table.SubmitTransactionAsync(actions, ct);
            return PartnerWrite.Done;
        }
        catch (TableTransactionFailedException e) when (e.Status is 409 or 412)
        {
            var failed = e.FailedTransactionActionIndex is { } i && i < actions.Count ? actions[i].Entity.RowKey : "";
            return failed switch
            {
                _ when failed.StartsWith(KeyPrefix, StringComparison.Ordinal) => PartnerWrite.Duplicate,
                _ when failed.StartsWith(PartnerPrefix, StringComparison.Ordinal) && e.Status == 409 =>
                    PartnerWrite.IdTaken,
                // The partner's ETag no longer matches, or another change wrote this version's history line first.
                _ => PartnerWrite.Stale,
            };
        }
    }

    private static TableEntity ToRow(Partner partner)
    {
        var row = new TableEntity(Partition, PartnerPrefix + partner.Id)
        {
            ["Kind"] = partner.Kind.ToString(),
            ["Name"] = partner.Name,
            ["Addresses"] = JsonSerializer.Serialize(partner.Details.Addresses),
            ["Version"] = partner.Version,
        };
        if (partner.Details.Sha is { } sha)
        {
            row["Sha"] = sha.Code;
        }
        if (partner.Removed is { } removed)
        {
            row["RemovedBy"] = removed.By;
            row["RemovedAt"] = removed.At;
        }
        return row;
    }

    private static Partner FromRow(TableEntity row)
    {
        var id = row.RowKey[PartnerPrefix.Length..];
        var kind = Enum.Parse<PartnerKind>(
            row.GetString("Kind") ?? throw new InvalidDataException($"Partner row {row.RowKey} has no Kind.")
        );
        var sha = row.GetString("Sha") is { Length: > 0 } code ? ShaCode.From(code).Value : null;
        var addresses = JsonSerializer.Deserialize<List<string>>(row.GetString("Addresses") ?? "[]") ?? [];
        var details = new PartnerDetails(kind, sha, row.GetString("Name") ?? id, addresses);
        return new Partner(id, details, row.GetInt32("Version") ?? 1)
        {
            Removed = row.GetString("RemovedBy") is { } by
                ? new PartnerStamp(by, row.GetDateTimeOffset("RemovedAt") ?? DateTimeOffset.MinValue)
                : null,
        };
    }

    private static TableEntity KeyRow(PartnerDetails details, string id) =>
        new(
            Partition,
            KeyPrefix + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(details.UniqueKey)))[..40]
        )
        {
            ["Id"] = id,
            ["Key"] = details.UniqueKey,
        };

    private static TableEntity HistoryRow(
        string id,
        int version,
        PartnerAction action,
        PartnerStamp stamp,
        IReadOnlyList<string> changes
    ) =>
        new(Partition, $"{HistoryPrefix}{id}_{version.ToString("D6", CultureInfo.InvariantCulture)}")
        {
            ["Version"] = version,
            ["Action"] = action.ToString(),
            ["By"] = stamp.By,
            ["At"] = stamp.At,
            ["Changes"] = JsonSerializer.Serialize(changes),
        };
}
