using System.Globalization;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Pathfinder.Domain;
using Pathfinder.Durable.Storage.Table;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Waves;

/// <summary>A scheduled or announced national wave.</summary>
public sealed record WaveRecord(int Number, DateTimeOffset AnnounceAt, DateTimeOffset Cutoff)
{
    public DateTimeOffset? AnnouncedAt { get; init; }

    /// <summary>References frozen into the wave when it was announced.</summary>
    public IReadOnlyList<string> Pathfinders { get; init; } = [];

    public bool IsAnnounced => AnnouncedAt is not null;

    public Wave ToWave() => new(Number, AnnounceAt, Cutoff);
}

/// <summary>The <c>Waves</c> table: one row per wave, numbered 1, 2, ...</summary>
public sealed class WaveRepository(ProgrammeTables tables, JsonSerializerOptions json)
{
    private const string Partition = "waves";
    private readonly TableClient _table = tables.Client("Waves");
    private Task? _ready;

    public async Task<IReadOnlyList<WaveRecord>> ListAsync(CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var waves = new List<WaveRecord>();
        await foreach (var row in _table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"),
                           cancellationToken: cancellationToken))
        {
            waves.Add(Read(row));
        }
        return [.. waves.OrderBy(w => w.Number)];
    }

    public async Task<WaveRecord?> GetAsync(int number, CancellationToken cancellationToken) =>
        (await GetWithETagAsync(number, cancellationToken))?.Wave;

    /// <summary>Adds a wave; false when its number was taken meanwhile.</summary>
    public async Task<bool> AddAsync(WaveRecord wave, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        try
        {
            await _table.AddEntityAsync(Write(wave), cancellationToken);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            return false;
        }
    }

    /// <summary>Applies a change under the row's ETag, retrying when someone else wrote first.</summary>
    public async Task<Result<WaveRecord>> UpdateAsync(int number, Func<WaveRecord, Result<WaveRecord>> change,
        CancellationToken cancellationToken)
    {
        while (true)
        {
            var current = await GetWithETagAsync(number, cancellationToken);
            if (current is null)
            {
                return Result.Failure<WaveRecord>($"There is no wave {number}.");
            }
            var changed = change(current.Value.Wave);
            if (!changed.IsSuccess)
            {
                return changed;
            }
            try
            {
                await _table.UpdateEntityAsync(Write(changed.Value), current.Value.ETag, TableUpdateMode.Replace, cancellationToken);
                return changed;
            }
            catch (RequestFailedException e) when (e.Status == 412)
            {
                // Changed since we read it: read again.
            }
        }
    }

    private async Task<(WaveRecord Wave, ETag ETag)?> GetWithETagAsync(int number, CancellationToken cancellationToken)
    {
        await EnsureTableAsync(cancellationToken);
        var row = await _table.GetEntityIfExistsAsync<TableEntity>(Partition, RowKey(number), cancellationToken: cancellationToken);
        return row.HasValue && row.Value is { } entity ? (Read(entity), entity.ETag) : null;
    }

    private static string RowKey(int number) => number.ToString("D4", CultureInfo.InvariantCulture);

    private TableEntity Write(WaveRecord wave)
    {
        var row = new TableEntity(Partition, RowKey(wave.Number));
        LargeText.Write(row, "Document", JsonSerializer.Serialize(wave, json));
        return row;
    }

    private WaveRecord Read(TableEntity row) =>
        JsonSerializer.Deserialize<WaveRecord>(LargeText.Read(row, "Document")!, json)
        ?? throw new InvalidDataException($"Wave row {row.RowKey} holds no document.");

    private Task EnsureTableAsync(CancellationToken cancellationToken)
    {
        var ready = _ready;
        if (ready is null || ready.IsFaulted)
        {
            ready = _table.CreateIfNotExistsAsync(CancellationToken.None);
            _ready = ready;
        }
        return ready.WaitAsync(cancellationToken);
    }
}
