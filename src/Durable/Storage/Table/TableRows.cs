using System.Globalization;
using Azure.Data.Tables;

namespace Pathfinder.Durable.Storage.Table;

/// <summary>
/// The table layout. <c>{hub}History</c>: one partition per instance holding the instance row
/// (<c>i</c>), its history (<c>h{generation:D6}-{sequence:D8}</c>) and its pending messages
/// (<c>m{ticks}-...</c>), so a step commits in one entity-group transaction. <c>{hub}Instances</c>: one
/// row per instance in partition <c>all</c> (status, name, times, next due time), so queries and the
/// tick never scan history rows.
/// </summary>
internal static class TableRows
{
    public const string InstanceRowKey = "i";
    public const string IndexPartition = "all";

    public static string HistoryRowKey(int generation, int sequence) =>
        string.Create(CultureInfo.InvariantCulture, $"h{generation:D6}-{sequence:D8}");

    public static bool IsHistoryRow(string rowKey) => rowKey.StartsWith('h');

    public static bool IsMessageRow(string rowKey) => rowKey.StartsWith('m');

    public static (int Generation, int Sequence) ParseHistoryRowKey(string rowKey) =>
        (int.Parse(rowKey.AsSpan(1, 6), CultureInfo.InvariantCulture),
         int.Parse(rowKey.AsSpan(8, 8), CultureInfo.InvariantCulture));

    public static TableEntity InstanceRow(InstanceState state, int historyCount, DataConverter converter)
    {
        var row = new TableEntity(state.InstanceId, InstanceRowKey)
        {
            ["Name"] = state.Name,
            ["Version"] = state.Version,
            ["Status"] = state.Status.ToString(),
            ["CreatedAt"] = state.CreatedAt,
            ["LastUpdatedAt"] = state.LastUpdatedAt,
            ["Generation"] = state.Generation,
            ["HistoryCount"] = historyCount,
        };
        if (state.NextWakeAt is { } wake)
        {
            row["NextWakeAt"] = wake;
        }
        LargeText.Write(row, "Input", state.Input);
        LargeText.Write(row, "Output", state.Output);
        LargeText.Write(row, "CustomStatus", state.CustomStatus);
        LargeText.Write(row, "Failure", converter.Serialize(state.Failure));
        return row;
    }

    public static InstanceState ReadInstance(TableEntity row, DataConverter converter) =>
        new(row.PartitionKey,
            row.GetString("Name"),
            row.GetString("Version"),
            Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("Status")),
            LargeText.Read(row, "Input"),
            LargeText.Read(row, "Output"),
            LargeText.Read(row, "CustomStatus"),
            converter.Deserialize<TaskFailureDetails>(LargeText.Read(row, "Failure")),
            row.GetDateTimeOffset("CreatedAt") ?? default,
            row.GetDateTimeOffset("LastUpdatedAt") ?? default,
            row.GetInt32("Generation") ?? 0,
            row.GetDateTimeOffset("NextWakeAt"));

    public static int HistoryCount(TableEntity instanceRow) => instanceRow.GetInt32("HistoryCount") ?? 0;

    public static TableEntity HistoryRow(string instanceId, int generation, int sequence, HistoryEvent e,
        DataConverter converter)
    {
        var row = new TableEntity(instanceId, HistoryRowKey(generation, sequence)) { ["Type"] = e.GetType().Name };
        LargeText.Write(row, "Event", converter.SerializeEvent(e));
        return row;
    }

    public static HistoryEvent ReadHistory(TableEntity row, DataConverter converter) =>
        converter.DeserializeEvent(LargeText.Read(row, "Event")
                                   ?? throw new InvalidDataException($"History row {row.RowKey} holds no event."));

    public static TableEntity MessageRow(string instanceId, OrchestrationMessage message)
    {
        var row = new TableEntity(instanceId, message.Id)
        {
            ["Kind"] = message.Kind.ToString(),
            ["SentAt"] = message.SentAt,
        };
        if (message.Name is not null)
        {
            row["Name"] = message.Name;
        }
        LargeText.Write(row, "Payload", message.Payload);
        return row;
    }

    public static OrchestrationMessage ReadMessage(TableEntity row) =>
        new(row.RowKey, Enum.Parse<MessageKind>(row.GetString("Kind")), row.GetString("Name"),
            LargeText.Read(row, "Payload"), row.GetDateTimeOffset("SentAt") ?? default);

    /// <summary>The index row; <paramref name="nextDue"/> is when the tick should next look at the instance.</summary>
    public static TableEntity IndexRow(InstanceState state, DateTimeOffset? nextDue)
    {
        var row = new TableEntity(IndexPartition, state.InstanceId)
        {
            ["Name"] = state.Name,
            ["Version"] = state.Version,
            ["Status"] = state.Status.ToString(),
            ["CreatedAt"] = state.CreatedAt,
            ["LastUpdatedAt"] = state.LastUpdatedAt,
        };
        if (nextDue is { } due)
        {
            row["NextDue"] = due;
        }
        if (state.CustomStatus is { Length: < 32 * 1024 } customStatus)
        {
            row["CustomStatus"] = customStatus;
        }
        return row;
    }

    public static InstanceState ReadIndex(TableEntity row) =>
        new(row.RowKey,
            row.GetString("Name"),
            row.GetString("Version"),
            Enum.Parse<OrchestrationRuntimeStatus>(row.GetString("Status")),
            null, null,
            row.GetString("CustomStatus"),
            null,
            row.GetDateTimeOffset("CreatedAt") ?? default,
            row.GetDateTimeOffset("LastUpdatedAt") ?? default,
            0,
            row.GetDateTimeOffset("NextDue"));
}
