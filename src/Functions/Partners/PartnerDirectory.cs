using Azure;
using Azure.Data.Tables;

namespace Pathfinder.Functions.Partners;

/// <summary>
/// Who is told what, kept in a table so the programme team can change an address without a deployment: one row
/// per partner, partition key the kind (e.g. "Lmc"), row key the code (e.g. "Q35"), with Name and Email columns.
/// </summary>
public sealed class PartnerDirectory(TableServiceClient service, string tableName = "Partners")
{
    private readonly TableClient _table = service.GetTableClient(tableName);

    /// <summary>Creates the table and adds each default partner that is missing; rows already there are kept as edited.</summary>
    public async Task SeedAsync(CancellationToken ct)
    {
        await _table.CreateIfNotExistsAsync(ct);
        var present = (await ListAsync(ct)).Select(p => (p.Kind, p.Code.ToUpperInvariant())).ToHashSet();
        foreach (var partner in PartnerDefaults.All.Where(p => !present.Contains((p.Kind, p.Code.ToUpperInvariant()))))
        {
            try
            {
                await _table.AddEntityAsync(ToEntity(partner), ct);
            }
            catch (RequestFailedException e) when (e.Status == 409)
            {
                // Another instance seeded it since we looked: theirs stands.
            }
        }
    }

    /// <summary>Every partner, by kind and then code.</summary>
    public async Task<IReadOnlyList<Partner>> ListAsync(CancellationToken ct) =>
        await QueryAsync(filter: null, code: null, ct);

    /// <summary>The partners of one kind; with a code (e.g. "q35", any case), only that one.</summary>
    public async Task<IReadOnlyList<Partner>> GetAsync(PartnerKind kind, string? code, CancellationToken ct) =>
        await QueryAsync(TableClient.CreateQueryFilter($"PartitionKey eq {kind.ToString()}"), code?.Trim(), ct);

    /// <summary>Adds a partner or replaces the row with the same kind and code.</summary>
    public async Task UpsertAsync(Partner partner, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(partner);
        ArgumentException.ThrowIfNullOrWhiteSpace(partner.Code);
        ArgumentException.ThrowIfNullOrWhiteSpace(partner.Name);
        _ = partner.ToAddress();
        await _table.UpsertEntityAsync(ToEntity(partner), TableUpdateMode.Replace, ct);
    }

    private async Task<IReadOnlyList<Partner>> QueryAsync(string? filter, string? code, CancellationToken ct)
    {
        var partners = new List<Partner>();
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            // A row an operator added under a kind we do not know cannot be a partner; it is left alone.
            if (!Enum.TryParse<PartnerKind>(entity.PartitionKey, ignoreCase: false, out var kind)
                || !Enum.IsDefined(kind))
            {
                continue;
            }
            // Codes are matched in any case because operators type them by hand ("q35").
            if (code is not null && !string.Equals(entity.RowKey, code, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            partners.Add(new Partner(
                kind,
                entity.RowKey,
                entity.GetString(nameof(Partner.Name)) ?? entity.RowKey,
                entity.GetString(nameof(Partner.Email))
                ?? throw new InvalidDataException(
                    $"Partner row {entity.PartitionKey}/{entity.RowKey} in table {_table.Name} has no Email; " +
                    "add one in the table.")));
        }
        return [.. partners.OrderBy(p => p.Kind).ThenBy(p => p.Code, StringComparer.OrdinalIgnoreCase)];
    }

    private static TableEntity ToEntity(Partner partner) => new(partner.Kind.ToString(), partner.Code.Trim())
    {
        [nameof(Partner.Name)] = partner.Name.Trim(),
        [nameof(Partner.Email)] = partner.Email.Trim(),
    };
}
