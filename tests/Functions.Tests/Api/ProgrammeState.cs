using System.Globalization;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>
/// Everything the app has stored in tables, row by row: the applications' records, the outbox, the waves, the inbound
/// emails, the command log, and the task hub's Instances and History tables (each instance's status, custom status
/// and every event in its history). Two snapshots that are equal mean a request changed nothing a user or an
/// orchestration could ever see. Storage's own bookkeeping (Timestamp, ETag) is left out, and so is the task hub's
/// partition lease table, which the backend renews every few seconds whatever happens.
/// </summary>
public sealed class ProgrammeState
{
    private readonly IReadOnlyDictionary<string, string> _rows;

    private ProgrammeState(IReadOnlyDictionary<string, string> rows) => _rows = rows;

    /// <summary>Every row of every table of this app (its tables and its task hub's share its prefix).</summary>
    public static async Task<ProgrammeState> ReadAsync(PathfinderApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var tables = app.Services.GetRequiredService<ProgrammeTables>();
        var prefix = tables.Name("");
        var rows = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var table in tables.Service.QueryAsync())
        {
            if (
                !table.Name.StartsWith(prefix, StringComparison.Ordinal)
                || table.Name.EndsWith("HubPartitions", StringComparison.OrdinalIgnoreCase)
            )
            {
                continue;
            }
            await foreach (var row in tables.Service.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                rows[$"{table.Name[prefix.Length..]}/{row.PartitionKey}/{row.RowKey}"] = Describe(row);
            }
        }
        return new ProgrammeState(rows);
    }

    /// <summary>
    /// The state once the app has stopped changing it by itself (the emails of its first steps sent, its
    /// orchestrations waiting): two reads a second apart that agree.
    /// </summary>
    public static async Task<ProgrammeState> SettledAsync(PathfinderApp app)
    {
        ProgrammeState? previous = null;
        var settled = await Eventually.UntilAsync(
            "the app's stored state to stop changing",
            TimeSpan.FromSeconds(60),
            async () =>
            {
                var before = previous;
                previous = await ReadAsync(app);
                return (Before: before, Now: previous);
            },
            read => read.Before is not null && read.Before.Changes(read.Now).Count == 0,
            read => read.Before is null ? "one read" : string.Join("; ", read.Before.Changes(read.Now).Take(3)),
            TimeSpan.FromSeconds(1)
        );
        return settled.Now;
    }

    /// <summary>Each row added, removed or changed since this snapshot, described for a failure message.</summary>
    public IReadOnlyList<string> Changes(ProgrammeState later)
    {
        ArgumentNullException.ThrowIfNull(later);
        var changes = new List<string>();
        foreach (var (key, value) in _rows)
        {
            if (!later._rows.TryGetValue(key, out var now))
            {
                changes.Add($"removed {key}");
            }
            else if (now != value)
            {
                changes.Add($"changed {key}: {value} -> {now}");
            }
        }
        changes.AddRange(
            later._rows.Keys.Where(k => !_rows.ContainsKey(k)).Select(k => $"added {k}: {later._rows[k]}")
        );
        return changes;
    }

    private static string Describe(TableEntity row) =>
        string.Join(
            ", ",
            row.Keys.Where(k => k is not ("PartitionKey" or "RowKey" or "Timestamp" or "odata.etag"))
                .Order(StringComparer.Ordinal)
                .Select(k => $"{k}={Convert.ToString(row[k], CultureInfo.InvariantCulture)}")
        );
}
