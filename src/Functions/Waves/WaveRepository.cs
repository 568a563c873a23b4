using System.Globalization;
using System.Text.Json;
using Azure.Data.Tables;
using Pathfinder.Domain;
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

    private readonly DocumentTable<WaveRecord> _waves = new(tables.Client("Waves"), json, w => new TableEntity(
        Partition,
        RowKey(w.Number)
    ));

    public async Task<IReadOnlyList<WaveRecord>> ListAsync(CancellationToken cancellationToken) =>
        [
            .. (
                await _waves.QueryAsync(
                    TableClient.CreateQueryFilter($"PartitionKey eq {Partition}"),
                    cancellationToken
                )
            ).OrderBy(w => w.Number),
        ];

    public Task<WaveRecord?> GetAsync(int number, CancellationToken cancellationToken) =>
        _waves.GetAsync(Partition, RowKey(number), cancellationToken);

    /// <summary>Adds a wave; false when its number was taken meanwhile.</summary>
    public Task<bool> AddAsync(WaveRecord wave, CancellationToken cancellationToken) =>
        _waves.AddAsync(wave, cancellationToken);

    public Task<Result<WaveRecord>> UpdateAsync(
        int number,
        Func<WaveRecord, Result<WaveRecord>> change,
        CancellationToken cancellationToken
    ) => _waves.UpdateAsync(Partition, RowKey(number), change, $"There is no wave {number}.", cancellationToken);

    private static string RowKey(int number) => number.ToString("D4", CultureInfo.InvariantCulture);
}
