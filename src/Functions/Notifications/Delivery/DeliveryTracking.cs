using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;
using Pathfinder.Domain.Notifications;

namespace Pathfinder.Functions.Notifications.Delivery;

/// <summary>
/// Keeps what SendGrid's Event Webhook says of each notification: every event once (by its id), the state of each
/// recipient's copy (a later stage always wins, so order and repeats do not matter), and on the outbox row the worst
/// of its recipients' states, which the national team sees. Rows live in the table "Deliveries", partitioned by the
/// outbox row's instance id, so one instance's events are applied in one table transaction.
/// </summary>
public sealed partial class DeliveryTracking(
    TableServiceClient service,
    Outbox.Outbox outbox,
    ILogger<DeliveryTracking> logger,
    string tableName = "Deliveries"
)
{
    /// <summary>The partition of events whose outbox row we cannot find: kept for the national team, never
    /// refused.</summary>
    public const string UnmatchedPartition = "~unmatched";

    // A table transaction holds at most 100 operations: an event row and its copy's state row each.
    private const int EventsPerTransaction = 45;
    private const int MaxJsonChars = 30_000;

    private readonly TableClient _table = service.GetTableClient(tableName);
    private volatile bool _tableExists;

    /// <summary>Applies a post's events; returns how many were new, how many seen before and how many
    /// unmatched.</summary>
    public async Task<DeliveryReceipt> ApplyAsync(IReadOnlyList<SendGridEvent> events, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(events);
        await EnsureTableAsync(ct);
        var unmatched = events.Where(e => e.Outbox is null).ToList();
        var (applied, repeated) = (0, 0);
        foreach (var instance in events.Where(e => e.Outbox is not null).GroupBy(e => e.Outbox!.InstanceId))
        {
            var known = new List<SendGridEvent>();
            foreach (var step in instance.GroupBy(e => e.Outbox!.Step))
            {
                (await outbox.ExistsAsync(instance.Key, step.Key, ct) ? known : unmatched).AddRange(step);
            }
            foreach (var slice in known.DistinctBy(e => e.EventId).Chunk(EventsPerTransaction))
            {
                var fresh = await ApplySliceAsync(instance.Key, slice, ct);
                applied += fresh;
                repeated += slice.Length - fresh;
            }
            foreach (var step in known.Select(e => e.Outbox!.Step).Distinct(StringComparer.Ordinal))
            {
                await SummariseAsync(instance.Key, step, ct);
            }
        }
        await KeepUnmatchedAsync(unmatched, ct);
        return new DeliveryReceipt(applied, repeated, unmatched.Count);
    }

    /// <summary>Each recipient's copy of one instance's notifications, for the application's page.</summary>
    public async Task<IReadOnlyList<RecipientDelivery>> ForInstanceAsync(string instanceId, CancellationToken ct)
    {
        await EnsureTableAsync(ct);
        var (states, _) = await ReadPartitionAsync(instanceId, ct);
        return [.. states.Values.Select(s => s.Delivery).OrderBy(d => d.Step, StringComparer.Ordinal)];
    }

    /// <summary>
    /// Deletes what SendGrid said of an instance's notifications (each event names its recipient): for the retention
    /// policy, long after SendGrid stopped posting. The outbox rows keep each notification's final state.
    /// </summary>
    public async Task<int> ForgetAsync(string instanceId, CancellationToken ct)
    {
        await EnsureTableAsync(ct);
        var deleted = 0;
        await foreach (
            var row in _table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"),
                select: ["PartitionKey", "RowKey"],
                cancellationToken: ct
            )
        )
        {
            await _table.DeleteEntityAsync(row.PartitionKey, row.RowKey, ETag.All, ct);
            deleted++;
        }
        return deleted;
    }

    /// <summary>Events we could not match to a notification, newest first.</summary>
    public async Task<IReadOnlyList<UnmatchedEvent>> UnmatchedAsync(int max, CancellationToken ct)
    {
        await EnsureTableAsync(ct);
        var list = new List<UnmatchedEvent>();
        await foreach (
            var row in _table.QueryAsync<TableEntity>(
                e => e.PartitionKey == UnmatchedPartition,
                maxPerPage: 1000,
                cancellationToken: ct
            )
        )
        {
            list.Add(
                new UnmatchedEvent(
                    row.RowKey,
                    row.GetString(Columns.Email) ?? "",
                    Enum.Parse<DeliveryState>(row.GetString(Columns.State)!),
                    row.GetDateTimeOffset(Columns.At)!.Value,
                    row.GetString(Columns.Json) ?? ""
                )
            );
        }
        return [.. list.OrderByDescending(e => e.At).Take(max)];
    }

    /// <summary>Adds the slice's new events and moves their copies' states on, all or nothing; the count of new
    /// ones.</summary>
    private async Task<int> ApplySliceAsync(string instanceId, SendGridEvent[] slice, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (states, seen) = await ReadPartitionAsync(instanceId, ct);
            var fresh = slice.Where(e => !seen.Contains(EventRow(e.EventId))).ToList();
            if (fresh.Count == 0)
            {
                return 0;
            }
            var actions = new List<TableTransactionAction>();
            var changed = new Dictionary<string, (TableEntity Row, ETag? ETag)>(StringComparer.Ordinal);
            foreach (var e in fresh)
            {
                actions.Add(new TableTransactionAction(TableTransactionActionType.Add, EventEntity(instanceId, e)));
                var key = StateRow(e.Outbox!.Step, e.Email);
                var current =
                    changed.TryGetValue(key, out var c) ? Columns.Report(c.Row)
                    : states.TryGetValue(key, out var s) ? s.Delivery.Report
                    : null;
                var next = DeliveryRules.Latest(current, e.Report);
                if (next != current)
                {
                    var etag =
                        changed.TryGetValue(key, out var was) ? was.ETag
                        : states.TryGetValue(key, out var stored) ? stored.ETag
                        : null;
                    changed[key] = (StateEntity(instanceId, key, e, next), etag);
                }
            }
            actions.AddRange(
                changed.Values.Select(c =>
                    c.ETag is { } etag
                        ? new TableTransactionAction(TableTransactionActionType.UpdateReplace, c.Row, etag)
                        : new TableTransactionAction(TableTransactionActionType.Add, c.Row)
                )
            );
            try
            {
                await _table.SubmitTransactionAsync(actions, ct);
                LogApplied(logger, fresh.Count, instanceId);
                foreach (var e in fresh.Where(e => DeliveryRules.IsProblem(e.Report.State)))
                {
                    LogUndelivered(logger, e.Outbox!.Step, instanceId, e.Report.State, e.Report.Reason ?? "");
                }
                return fresh.Count;
            }
            catch (TableTransactionFailedException e) when (e.Status is 409 or 412 && attempt < 8)
            {
                // Another post for the same instance got there first: read again and apply what is still new.
            }
        }
    }

    /// <summary>Writes the worst of a notification's recipients' states onto its outbox row.</summary>
    private async Task SummariseAsync(string instanceId, string step, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            var (states, _) = await ReadPartitionAsync(instanceId, ct);
            var copies = states.Values.Select(s => s.Delivery).Where(d => d.Step == step).ToList();
            if (copies.Count == 0)
            {
                return;
            }
            var state = DeliveryRules.Worst(copies.Select(c => c.Report.State));
            var worst = copies.Where(d => d.Report.State == state).MaxBy(d => d.Report.At)!;
            if (await outbox.RecordDeliveryAsync(instanceId, step, worst, ct) || attempt >= 8)
            {
                return;
            }
        }
    }

    private async Task KeepUnmatchedAsync(List<SendGridEvent> unmatched, CancellationToken ct)
    {
        foreach (var slice in unmatched.DistinctBy(e => e.EventId).Chunk(100))
        {
            // Upserts: a batch sent again keeps each event once, without reading first.
            await _table.SubmitTransactionAsync(
                slice.Select(e => new TableTransactionAction(
                    TableTransactionActionType.UpsertReplace,
                    EventEntity(UnmatchedPartition, e)
                )),
                ct
            );
        }
        if (unmatched.Count > 0)
        {
            LogUnmatched(logger, unmatched.Count, unmatched[0].Outbox?.ToString() ?? "none");
        }
    }

    private async Task<(
        Dictionary<string, (RecipientDelivery Delivery, ETag ETag)> States,
        HashSet<string> Events
    )> ReadPartitionAsync(string instanceId, CancellationToken ct)
    {
        var states = new Dictionary<string, (RecipientDelivery, ETag)>(StringComparer.Ordinal);
        var events = new HashSet<string>(StringComparer.Ordinal);
        // One query: an instance has a few dozen notifications, each with a handful of events.
        await foreach (
            var row in _table.QueryAsync<TableEntity>(
                e => e.PartitionKey == instanceId,
                maxPerPage: 1000,
                cancellationToken: ct
            )
        )
        {
            if (row.RowKey.StartsWith(EventPrefix, StringComparison.Ordinal))
            {
                events.Add(row.RowKey);
            }
            else
            {
                states[row.RowKey] = (
                    new RecipientDelivery(
                        row.GetString(Columns.Step)!,
                        row.GetString(Columns.Email)!,
                        Columns.Report(row)!
                    ),
                    row.ETag
                );
            }
        }
        return (states, events);
    }

    private const string EventPrefix = "E|";

    private static string EventRow(string eventId) => EventPrefix + Uri.EscapeDataString(eventId);

    // Addresses may hold characters row keys forbid (/ # ?): escaped, and compared without case.
    private static string StateRow(string step, string email) =>
        $"S|{step}|{Uri.EscapeDataString(email.Trim().ToLowerInvariant())}";

    private static TableEntity EventEntity(string partition, SendGridEvent e) =>
        new(partition, EventRow(e.EventId))
        {
            [Columns.Step] = e.Outbox?.ToString(),
            [Columns.Email] = e.Email,
            [Columns.State] = e.Report.State.ToString(),
            [Columns.At] = e.Report.At,
            [Columns.Reason] = e.Report.Reason,
            [Columns.Json] = e.Json.Length <= MaxJsonChars ? e.Json : e.Json[..MaxJsonChars],
        };

    private static TableEntity StateEntity(string instanceId, string key, SendGridEvent e, DeliveryReport report) =>
        new(instanceId, key)
        {
            [Columns.Step] = e.Outbox!.Step,
            [Columns.Email] = e.Email,
            [Columns.State] = report.State.ToString(),
            [Columns.At] = report.At,
            [Columns.Reason] = report.Reason,
        };

    private async Task EnsureTableAsync(CancellationToken ct)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(ct);
            _tableExists = true;
        }
    }

    private static class Columns
    {
        public const string Step = "Step";
        public const string Email = "Email";
        public const string State = "State";
        public const string At = "At";
        public const string Reason = "Reason";
        public const string Json = "Json";

        public static DeliveryReport? Report(TableEntity row) =>
            Enum.TryParse<DeliveryState>(row.GetString(State), out var state)
                ? new DeliveryReport(
                    state,
                    row.GetDateTimeOffset(At) ?? DateTimeOffset.UnixEpoch,
                    row.GetString(Reason)
                )
                : null;
    }

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Applied {Count} delivery event(s) to the notifications of {InstanceId}"
    )]
    private static partial void LogApplied(ILogger logger, int count, string instanceId);

    // The "undelivered notifications" alert in infra/modules/alerts.bicep counts this message: keep its wording.
    [LoggerMessage(
        EventId = 4102,
        EventName = "NotificationUndelivered",
        Level = LogLevel.Warning,
        Message = "Notification {Step} of {InstanceId} was not delivered: {State} {Reason}"
    )]
    private static partial void LogUndelivered(
        ILogger logger,
        string step,
        string instanceId,
        DeliveryState state,
        string reason
    );

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Kept {Count} delivery event(s) that name no notification of ours (the first names {Outbox})"
    )]
    private static partial void LogUnmatched(ILogger logger, int count, string outbox);
}

/// <summary>What one post changed: new events, events seen before (a batch sent again), and events matching
/// nothing.</summary>
public sealed record DeliveryReceipt(int Applied, int AlreadyApplied, int Unmatched);

/// <summary>Where one recipient's copy of one notification is.</summary>
public sealed record RecipientDelivery(string Step, string Email, DeliveryReport Report);

/// <summary>An event kept although no notification of ours matches it.</summary>
public sealed record UnmatchedEvent(string Id, string Email, DeliveryState State, DateTimeOffset At, string Json);
