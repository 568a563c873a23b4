using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Pathfinder.Functions.Notifications.Outbox;

/// <summary>
/// Sends each logical message once although activities run at least once: an activity records its message under
/// (instance id, step), and a dispatcher sends what is recorded. Dispatchers in several processes claim a row with an
/// ETag-conditional update before sending, so only one of them sends it.
/// </summary>
public sealed partial class Outbox(
    TableServiceClient service,
    IEmailSender sender,
    TimeProvider time,
    ILogger<Outbox> logger,
    string tableName = "Outbox"
)
{
    /// <summary>After this many failed attempts a message is <see cref="OutboxStatus.Failed"/>.</summary>
    public const int MaxAttempts = 5;

    /// <summary>
    /// A claim not renewed for this long means the dispatcher died mid-send, so the message is sent again; it may
    /// have gone out, which the idempotency key makes visible. Three renewals fit in it, so one slow storage call
    /// does not lose a live claim.
    /// </summary>
    public static TimeSpan StuckAfter { get; } = TimeSpan.FromMinutes(1);

    /// <summary>How often a dispatcher renews its claim while a send lasts (see <see cref="OutboxClaim"/>).</summary>
    public static TimeSpan RenewEvery { get; } = TimeSpan.FromSeconds(15);

    private readonly TableClient _table = service.GetTableClient(tableName);
    private volatile bool _tableExists;

    /// <summary>
    /// The wait after a failed attempt: 2, 8, 32 then 128 minutes, so a provider outage of a couple of hours is
    /// ridden out before the message is marked failed.
    /// </summary>
    public static TimeSpan RetryDelay(int failedAttempts)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(failedAttempts);
        return TimeSpan.FromMinutes(2 * Math.Pow(4, Math.Min(failedAttempts, MaxAttempts) - 1));
    }

    /// <summary>
    /// Records a message to send for one step of one orchestration instance. A retried activity finds its row
    /// already there and gets it back unchanged, so it never creates a second message.
    /// </summary>
    public async Task<OutboxEntry> EnqueueAsync(
        string instanceId,
        string step,
        EmailMessage message,
        CancellationToken ct
    ) => (await TryEnqueueAsync(instanceId, step, message, ct)).Entry;

    /// <summary>As <see cref="EnqueueAsync"/>, saying whether this call queued it or found it already queued.</summary>
    public async Task<(OutboxEntry Entry, bool Queued)> TryEnqueueAsync(
        string instanceId,
        string step,
        EmailMessage message,
        CancellationToken ct
    )
    {
        ValidateKey(instanceId, nameof(instanceId));
        ValidateKey(step, nameof(step));
        ArgumentNullException.ThrowIfNull(message);
        await EnsureTableAsync(ct);

        var row = OutboxRow.New(instanceId, step, message, time.GetUtcNow());
        try
        {
            await _table.AddEntityAsync(row, ct);
            LogQueued(logger, instanceId, step);
            return (OutboxRow.ToEntry(row), true);
        }
        catch (RequestFailedException e) when (e.Status == 409)
        {
            LogAlreadyQueued(logger, instanceId, step);
            var existing = await _table.GetEntityAsync<TableEntity>(instanceId, step, cancellationToken: ct);
            return (OutboxRow.ToEntry(existing.Value), false);
        }
    }

    /// <summary>
    /// Sends up to <paramref name="max"/> pending messages whose time has come, after putting back messages whose
    /// dispatcher died mid-send. Returns how many were sent.
    /// </summary>
    public async Task<int> DispatchAsync(int max, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await EnsureTableAsync(ct);
        await RecoverStuckAsync(ct);

        var due = new List<TableEntity>();
        var filter = TableClient.CreateQueryFilter(
            $"Status eq {nameof(OutboxStatus.Pending)} and NextAttemptAt le {time.GetUtcNow()}"
        );
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: max, cancellationToken: ct))
        {
            due.Add(row);
            if (due.Count == max)
            {
                break;
            }
        }

        var sent = 0;
        foreach (var row in due)
        {
            if (await ClaimAndSendAsync(row, ct))
            {
                sent++;
            }
        }
        return sent;
    }

    /// <summary>
    /// Sends one step's message now if it is due, so mail goes out promptly; the periodic dispatch is the safety net.
    /// True when the message has gone out, by this call or an earlier one; false while it waits for a retry, is
    /// being sent by another dispatcher, or has failed.
    /// </summary>
    public async Task<bool> TrySendNowAsync(string instanceId, string step, CancellationToken ct)
    {
        ValidateKey(instanceId, nameof(instanceId));
        ValidateKey(step, nameof(step));
        await EnsureTableAsync(ct);

        var found = await _table.GetEntityIfExistsAsync<TableEntity>(instanceId, step, cancellationToken: ct);
        if (!found.HasValue || found.Value is not { } row)
        {
            throw new InvalidOperationException(
                $"Nothing is queued for step '{step}' of instance '{instanceId}'; enqueue the message first."
            );
        }

        return OutboxRow.StatusOf(row) switch
        {
            OutboxStatus.Sent => true,
            OutboxStatus.Pending when OutboxRow.NextAttemptOf(row) <= time.GetUtcNow() => await ClaimAndSendAsync(
                row,
                ct
            ),
            _ => false,
        };
    }

    /// <summary>
    /// Up to <paramref name="max"/> entries, all or of one status (e.g. the failed ones for the national team), in
    /// key order: by instance id, then step.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(OutboxStatus? status, int max, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await EnsureTableAsync(ct);

        var filter = status is { } wanted ? TableClient.CreateQueryFilter($"Status eq {wanted.ToString()}") : null;
        var entries = new List<OutboxEntry>();
        await foreach (
            var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: ct)
        )
        {
            entries.Add(OutboxRow.ToEntry(row));
            if (entries.Count == max)
            {
                break;
            }
        }
        return entries;
    }

    /// <summary>One step's entry, or null when nothing was queued for it (a partner's digest of a wave, say).</summary>
    public async Task<OutboxEntry?> GetAsync(string instanceId, string step, CancellationToken ct) =>
        (await FindAsync(instanceId, step, ct))?.Entry;

    /// <summary>The entry and its message, or null when nothing was queued for this step of this instance.</summary>
    public async Task<(OutboxEntry Entry, EmailMessage Message)?> FindAsync(
        string instanceId,
        string step,
        CancellationToken ct
    )
    {
        ValidateKey(instanceId, nameof(instanceId));
        ValidateKey(step, nameof(step));
        await EnsureTableAsync(ct);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(instanceId, step, cancellationToken: ct);
        return found.HasValue && found.Value is { } row ? (OutboxRow.ToEntry(row), OutboxRow.ReadMessage(row)) : null;
    }

    /// <summary>True when a message was queued for this step of this instance.</summary>
    public async Task<bool> ExistsAsync(string instanceId, string step, CancellationToken ct)
    {
        await EnsureTableAsync(ct);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(instanceId, step, [OutboxRow.Status], ct);
        return found.HasValue;
    }

    /// <summary>
    /// Writes what the provider says of the message's worst-off copy onto its row, unless the row changed since it was
    /// read (false: read again and retry). The row's sending state is left as it is.
    /// </summary>
    public async Task<bool> RecordDeliveryAsync(
        string instanceId,
        string step,
        Delivery.RecipientDelivery worst,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(worst);
        await EnsureTableAsync(ct);
        var found = await _table.GetEntityIfExistsAsync<TableEntity>(instanceId, step, cancellationToken: ct);
        if (!found.HasValue || found.Value is not { } row)
        {
            return true;
        }
        var update = OutboxRow.DeliveryColumns(instanceId, step, worst);
        if (OutboxRow.SameDelivery(row, update))
        {
            return true;
        }
        try
        {
            await _table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, ct);
            return true;
        }
        catch (RequestFailedException e) when (e.Status == 412)
        {
            return false;
        }
    }

    /// <summary>
    /// Up to <paramref name="max"/> messages the provider accepted but could not deliver to someone (bounced, dropped,
    /// blocked, reported as spam), as its Event Webhook told us.
    /// </summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListUndeliveredAsync(int max, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(max);
        await EnsureTableAsync(ct);
        var filter = string.Join(
            " or ",
            Enum.GetValues<Domain.Notifications.DeliveryState>()
                .Where(Domain.Notifications.DeliveryRules.IsProblem)
                .Select(s => TableClient.CreateQueryFilter($"Delivery eq {s.ToString()}"))
        );
        var entries = new List<OutboxEntry>();
        await foreach (
            var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(max, 1000), cancellationToken: ct)
        )
        {
            entries.Add(OutboxRow.ToEntry(row));
            if (entries.Count == max)
            {
                break;
            }
        }
        return entries;
    }

    /// <summary>Every entry of one instance (a partner's test messages, say), in step order.</summary>
    public async Task<IReadOnlyList<OutboxEntry>> ListAsync(string instanceId, CancellationToken ct)
    {
        ValidateKey(instanceId, nameof(instanceId));
        await EnsureTableAsync(ct);
        var entries = new List<OutboxEntry>();
        await foreach (
            var row in _table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"),
                cancellationToken: ct
            )
        )
        {
            entries.Add(OutboxRow.ToEntry(row));
        }
        return entries;
    }

    /// <summary>
    /// Replaces the recipients and bodies of an instance's messages that are no longer to be sent (sent or failed)
    /// with <see cref="OutboxRow.RemovedAddress"/> and a line saying why; subject, step, status and delivery state
    /// stay,
    /// so the notification list still counts them. The number of rows changed.
    /// </summary>
    public async Task<int> RemovePersonalDataAsync(string instanceId, CancellationToken ct)
    {
        ValidateKey(instanceId, nameof(instanceId));
        await EnsureTableAsync(ct);
        var changed = 0;
        await foreach (
            var row in _table.QueryAsync<TableEntity>(
                TableClient.CreateQueryFilter($"PartitionKey eq {instanceId}"),
                cancellationToken: ct
            )
        )
        {
            if (OutboxRow.StatusOf(row) is OutboxStatus.Pending or OutboxStatus.Sending || OutboxRow.IsRemoved(row))
            {
                continue;
            }
            await _table.UpdateEntityAsync(OutboxRow.WithoutPersonalData(row), row.ETag, TableUpdateMode.Replace, ct);
            changed++;
        }
        return changed;
    }

    /// <summary>Claims the row, sends it and records the outcome; true when this call sent it.</summary>
    private async Task<bool> ClaimAndSendAsync(TableEntity row, CancellationToken ct)
    {
        var (instanceId, step) = (row.PartitionKey, row.RowKey);
        var claimId = Guid.NewGuid().ToString("N");
        ETag claim;
        try
        {
            var claimed = await _table.UpdateEntityAsync(
                new TableEntity(instanceId, step)
                {
                    [OutboxRow.Status] = nameof(OutboxStatus.Sending),
                    [OutboxRow.ClaimedAt] = time.GetUtcNow(),
                    [OutboxRow.ClaimId] = claimId,
                },
                row.ETag,
                TableUpdateMode.Merge,
                ct
            );
            claim = claimed.Headers.ETag ?? throw new InvalidOperationException("Table Storage returned no ETag.");
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            // A 412 may be our own claim: storage applied it but its answer failed, and the SDK's retry then found
            // the ETag changed. Left at that, nobody would send the message until it counted as stuck (StuckAfter).
            var current =
                e.Status == 412
                    ? await _table.GetEntityIfExistsAsync<TableEntity>(instanceId, step, cancellationToken: ct)
                    : null;
            if (
                current is { HasValue: true, Value: { } mine }
                && OutboxRow.StatusOf(mine) == OutboxStatus.Sending
                && mine.GetString(OutboxRow.ClaimId) == claimId
            )
            {
                claim = mine.ETag;
            }
            else
            {
                // Another dispatcher claimed it (or an operator removed it) since we read it: theirs to send.
                LogClaimLost(logger, instanceId, step);
                return false;
            }
        }

        EmailSendResult result;
        var lease = new OutboxClaim(_table, instanceId, step, claimId, claim, time, logger);
        using (var sending = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            var keeping = lease.KeepAsync(sending.Token);
            try
            {
                result = await sender.SendAsync(
                    OutboxRow.ReadMessage(row) with
                    {
                        Outbox = new Delivery.OutboxKey(instanceId, step),
                    },
                    ct
                );
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Shutting down mid-send: the row stays Sending and is put back after StuckAfter, as after a crash.
                throw;
            }
            catch (Exception e)
            {
                result = EmailSendResult.Failed($"{e.GetType().Name}: {e.Message}");
            }
            finally
            {
                await sending.CancelAsync();
                await keeping;
            }
        }
        claim = lease.ETag;

        // The outcome is recorded even if we are being stopped: a sent message left Sending would be sent again.
        if (result.Sent)
        {
            await RecordSentAsync(instanceId, step, result.ProviderMessageId);
            return true;
        }
        await RecordFailureAsync(row, claim, result.FailureReason ?? "The provider gave no reason.");
        return false;
    }

    private async Task RecordSentAsync(string instanceId, string step, string? providerMessageId)
    {
        var sent = new TableEntity(instanceId, step)
        {
            [OutboxRow.Status] = nameof(OutboxStatus.Sent),
            [OutboxRow.SentAt] = time.GetUtcNow(),
        };
        if (providerMessageId is not null)
        {
            sent[OutboxRow.ProviderMessageId] = providerMessageId;
        }
        // Unconditional: "sent" is the truth even if our claim was taken over as stuck meanwhile, and recording it
        // stops the row being sent once more.
        await _table.UpdateEntityAsync(sent, ETag.All, TableUpdateMode.Merge, CancellationToken.None);
        LogSent(logger, instanceId, step, providerMessageId);
    }

    private async Task RecordFailureAsync(TableEntity row, ETag claim, string reason)
    {
        var attempts = OutboxRow.AttemptsOf(row) + 1;
        var update = Failure(row, attempts, reason);
        try
        {
            await _table.UpdateEntityAsync(update, claim, TableUpdateMode.Merge, CancellationToken.None);
        }
        catch (RequestFailedException e) when (e.Status is 404 or 412)
        {
            LogClaimLost(logger, row.PartitionKey, row.RowKey);
            return;
        }

        if (OutboxRow.StatusOf(update) == OutboxStatus.Failed)
        {
            LogGaveUp(logger, row.PartitionKey, row.RowKey, attempts, reason);
        }
        else
        {
            LogSendFailed(logger, row.PartitionKey, row.RowKey, attempts, reason);
        }
    }

    /// <summary>Puts back rows whose dispatcher stopped mid-send; a crash counts as a failed attempt.</summary>
    private async Task RecoverStuckAsync(CancellationToken ct)
    {
        var before = time.GetUtcNow() - StuckAfter;
        var filter = TableClient.CreateQueryFilter(
            $"Status eq {nameof(OutboxStatus.Sending)} and ClaimedAt lt {before}"
        );
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, cancellationToken: ct))
        {
            var claimedAt = row.GetDateTimeOffset(OutboxRow.ClaimedAt) ?? before;
            var attempts = OutboxRow.AttemptsOf(row) + 1;
            var update = Failure(
                row,
                attempts,
                $"The dispatcher stopped while sending (claimed at {claimedAt:u}); the message may have gone out."
            );
            // Stuck rows are tried again at once: the failure was ours, not the provider's.
            if (OutboxRow.StatusOf(update) == OutboxStatus.Pending)
            {
                update[OutboxRow.NextAttemptAt] = time.GetUtcNow();
            }
            try
            {
                await _table.UpdateEntityAsync(update, row.ETag, TableUpdateMode.Merge, ct);
                LogRecovered(logger, row.PartitionKey, row.RowKey, claimedAt);
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Its dispatcher finished after all, or another one recovered it first.
            }
        }
    }

    private TableEntity Failure(TableEntity row, int attempts, string reason)
    {
        var failed = attempts >= MaxAttempts;
        var update = new TableEntity(row.PartitionKey, row.RowKey)
        {
            [OutboxRow.Status] = failed ? nameof(OutboxStatus.Failed) : nameof(OutboxStatus.Pending),
            [OutboxRow.Attempts] = attempts,
            [OutboxRow.LastError] = OutboxRow.Error(reason),
        };
        if (!failed)
        {
            update[OutboxRow.NextAttemptAt] = time.GetUtcNow() + RetryDelay(attempts);
        }
        return update;
    }

    private async Task EnsureTableAsync(CancellationToken ct)
    {
        if (!_tableExists)
        {
            await _table.CreateIfNotExistsAsync(ct);
            _tableExists = true;
        }
    }

    /// <summary>Instance ids and steps are the row's keys: Table Storage forbids these characters in them.</summary>
    private static void ValidateKey(string value, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(value, name);
        if (value.Length > 256 || value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException(
                $"The {name} has at most 256 characters and none of / \\ # ? or control characters.",
                name
            );
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queued the message of step {Step} of {InstanceId}.")]
    private static partial void LogQueued(ILogger logger, string instanceId, string step);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "The message of step {Step} of {InstanceId} was already queued; the retried activity adds nothing."
    )]
    private static partial void LogAlreadyQueued(ILogger logger, string instanceId, string step);

    [LoggerMessage(
        Level = LogLevel.Debug,
        Message = "Another dispatcher took the message of step {Step} of {InstanceId}; leaving it to them."
    )]
    private static partial void LogClaimLost(ILogger logger, string instanceId, string step);

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Sent the message of step {Step} of {InstanceId} (provider id {ProviderMessageId})."
    )]
    private static partial void LogSent(ILogger logger, string instanceId, string step, string? providerMessageId);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Attempt {Attempts} to send the message of step {Step} of {InstanceId} failed; will retry: {Reason}"
    )]
    private static partial void LogSendFailed(
        ILogger logger,
        string instanceId,
        string step,
        int attempts,
        string reason
    );

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Gave up on the message of step {Step} of {InstanceId} after {Attempts} attempts: {Reason}"
    )]
    private static partial void LogGaveUp(ILogger logger, string instanceId, string step, int attempts, string reason);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The message of step {Step} of {InstanceId} was stuck sending since {ClaimedAt}; put it back."
    )]
    private static partial void LogRecovered(ILogger logger, string instanceId, string step, DateTimeOffset claimedAt);
}
