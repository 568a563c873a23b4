using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Azure.Data.Tables;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Notifications.Outbox;

/// <summary>
/// The outbox table's row: partition key the orchestration instance id, row key the step, the message as JSON.
/// Columns are named so an operator can read (and, to retry a failed message, edit) them in Storage Explorer.
/// </summary>
internal static class OutboxRow
{
    public const string Status = "Status";
    public const string Attempts = "Attempts";
    public const string NextAttemptAt = "NextAttemptAt";
    public const string ClaimedAt = "ClaimedAt";

    /// <summary>Who claimed the row for sending, so a claim whose answer was lost is still known as one's
    /// own.</summary>
    public const string ClaimId = "ClaimId";
    public const string LastError = "LastError";
    public const string ProviderMessageId = "ProviderMessageId";
    public const string CreatedAt = "CreatedAt";
    public const string SentAt = "SentAt";
    public const string DeliveryState = "Delivery";
    public const string DeliveryEmail = "DeliveryEmail";
    public const string DeliveryReason = "DeliveryReason";
    public const string DeliveryAt = "DeliveryAt";
    private const string Message = "Message";

    private const int MaxErrorChars = 2000;

    // HTML bodies are stored as they are, not as \u003C escapes that would triple their size; the JSON is never
    // embedded in a page.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static TableEntity New(string instanceId, string step, EmailMessage message, DateTimeOffset now)
    {
        var entity = new TableEntity(instanceId, step)
        {
            [Status] = nameof(OutboxStatus.Pending),
            [Attempts] = 0,
            [NextAttemptAt] = now,
            [CreatedAt] = now,
        };
        WriteMessage(entity, message);
        return entity;
    }

    public static OutboxStatus StatusOf(TableEntity entity) =>
        Enum.TryParse<OutboxStatus>(entity.GetString(Status), out var status) && Enum.IsDefined(status)
            ? status
            : throw new InvalidDataException(
                $"Outbox row {entity.PartitionKey}/{entity.RowKey} has status '{entity.GetString(Status)}'; "
                    + $"use one of {string.Join(", ", Enum.GetNames<OutboxStatus>())}."
            );

    public static int AttemptsOf(TableEntity entity) => entity.GetInt32(Attempts) ?? 0;

    public static DateTimeOffset NextAttemptOf(TableEntity entity) =>
        entity.GetDateTimeOffset(NextAttemptAt) ?? DateTimeOffset.MinValue;

    public static string Error(string reason) =>
        reason.Length <= MaxErrorChars ? reason : string.Concat(reason.AsSpan(0, MaxErrorChars - 1), "…");

    public static OutboxEntry ToEntry(TableEntity entity)
    {
        var message = ReadMessage(entity);
        return new OutboxEntry(
            entity.PartitionKey,
            entity.RowKey,
            StatusOf(entity),
            message.Subject,
            [.. message.To.Select(a => a.Email)],
            message.Categories,
            AttemptsOf(entity),
            entity.GetString(LastError),
            entity.GetString(ProviderMessageId),
            entity.GetDateTimeOffset(CreatedAt) ?? DateTimeOffset.MinValue,
            NextAttemptOf(entity),
            entity.GetDateTimeOffset(SentAt)
        )
        {
            Delivery = DeliveryOf(entity),
        };
    }

    /// <summary>The columns that say how the worst-off copy of the message fared.</summary>
    public static TableEntity DeliveryColumns(string instanceId, string step, Delivery.RecipientDelivery worst) =>
        new(instanceId, step)
        {
            [DeliveryState] = worst.Report.State.ToString(),
            [DeliveryEmail] = worst.Email,
            [DeliveryReason] = worst.Report.Reason is { } reason ? Error(reason) : null,
            [DeliveryAt] = worst.Report.At,
        };

    public static bool SameDelivery(TableEntity row, TableEntity update) =>
        new[] { DeliveryState, DeliveryEmail, DeliveryReason }.All(c => row.GetString(c) == update.GetString(c))
        && row.GetDateTimeOffset(DeliveryAt) == update.GetDateTimeOffset(DeliveryAt);

    private static Delivery.RecipientDelivery? DeliveryOf(TableEntity row) =>
        Enum.TryParse<Domain.Notifications.DeliveryState>(row.GetString(DeliveryState), out var state)
            ? new Delivery.RecipientDelivery(
                row.RowKey,
                row.GetString(DeliveryEmail) ?? "",
                new Domain.Notifications.DeliveryReport(
                    state,
                    row.GetDateTimeOffset(DeliveryAt) ?? DateTimeOffset.UnixEpoch,
                    row.GetString(DeliveryReason)
                )
            )
            : null;

    public static EmailMessage ReadMessage(TableEntity entity)
    {
        var json = ReadText(entity, Message)
            ?? throw new InvalidDataException($"Outbox row {entity.PartitionKey}/{entity.RowKey} has no message.");
        var stored = JsonSerializer.Deserialize<StoredMessage>(json, Json)
            ?? throw new InvalidDataException($"Outbox row {entity.PartitionKey}/{entity.RowKey} is empty.");
        return new EmailMessage(
            [.. stored.To.Select(a => new EmailAddress(a.Email, a.Name))],
            stored.Subject,
            stored.TextBody,
            stored.HtmlBody
        )
        {
            Categories = stored.Categories ?? [],
            IdempotencyKey = stored.IdempotencyKey,
        };
    }

    /// <summary>Stands in for a recipient once the retention policy removed them (.invalid is reserved: RFC
    /// 2606).</summary>
    public const string RemovedAddress = "removed@retention.invalid";

    public static bool IsRemoved(TableEntity entity) => ReadMessage(entity).To.All(a => a.Email == RemovedAddress);

    /// <summary>The row with its recipients, bodies and delivery address replaced; everything else as it was.</summary>
    public static TableEntity WithoutPersonalData(TableEntity row)
    {
        var message = ReadMessage(row);
        const string Why = "Removed under the retention policy.";
        // Replaced whole: the message may have been stored in parts (LargeText), which must not outlive it.
        var entity = new TableEntity(row.PartitionKey, row.RowKey);
        foreach (
            var (key, value) in row.Where(p =>
                !p.Key.StartsWith(Message, StringComparison.Ordinal)
                && !p.Key.StartsWith("odata.", StringComparison.Ordinal)
                && p.Key is not ("PartitionKey" or "RowKey" or "Timestamp")
            )
        )
        {
            entity[key] = value;
        }
        WriteMessage(
            entity,
            new EmailMessage([new EmailAddress(RemovedAddress)], message.Subject, Why, $"<p>{Why}</p>")
            {
                Categories = message.Categories,
                IdempotencyKey = message.IdempotencyKey,
            }
        );
        if (entity.ContainsKey(DeliveryEmail))
        {
            entity[DeliveryEmail] = RemovedAddress;
        }
        return entity;
    }

    private static void WriteMessage(TableEntity entity, EmailMessage message)
    {
        var json = JsonSerializer.Serialize(
            new StoredMessage(
                [.. message.To.Select(a => new StoredAddress(a.Email, a.Name))],
                message.Subject,
                message.TextBody,
                message.HtmlBody,
                message.Categories,
                message.IdempotencyKey
            ),
            Json
        );
        // A wave digest of hundreds of pathfinders outgrows one property: the runtime's LargeText splits it.
        LargeText.Write(entity, Message, json);
    }

    private static string? ReadText(TableEntity entity, string name) => LargeText.Read(entity, name);

    private sealed record StoredMessage(
        IReadOnlyList<StoredAddress> To,
        string Subject,
        string TextBody,
        string HtmlBody,
        IReadOnlyList<string>? Categories,
        string? IdempotencyKey
    );

    private sealed record StoredAddress(string Email, string? Name);
}
