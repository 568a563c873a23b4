using Azure;
using Azure.Data.Tables;
using Microsoft.Extensions.Logging;

namespace Pathfinder.Functions.Notifications.Outbox;

/// <summary>
/// A dispatcher's hold on one row while it sends. The claim is a lease: it is renewed every
/// <see cref="Outbox.RenewEvery"/> while the send lasts, so a claim not renewed for <see cref="Outbox.StuckAfter"/>
/// belongs to a dispatcher that died, and its message can be put back within a minute or two of a crash rather
/// than after the longest send we could imagine.
/// </summary>
internal sealed partial class OutboxClaim(
    TableClient table,
    string instanceId,
    string step,
    string claimId,
    ETag etag,
    TimeProvider time,
    ILogger logger
)
{
    /// <summary>The row's ETag after the latest renewal: the outcome is recorded only over our own claim.</summary>
    public ETag ETag { get; private set; } = etag;

    /// <summary>Renews the claim until <paramref name="sent"/> is cancelled (the send is over) or the claim is
    /// lost.</summary>
    public async Task KeepAsync(CancellationToken sent)
    {
        while (!sent.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Outbox.RenewEvery, time, sent);
                var renewed = await table.UpdateEntityAsync(
                    new TableEntity(instanceId, step)
                    {
                        [OutboxRow.ClaimedAt] = time.GetUtcNow(),
                        [OutboxRow.ClaimId] = claimId,
                    },
                    ETag,
                    TableUpdateMode.Merge,
                    sent
                );
                ETag = renewed.Headers.ETag ?? ETag;
            }
            catch (OperationCanceledException) when (sent.IsCancellationRequested)
            {
                return;
            }
            catch (RequestFailedException e) when (e.Status is 404 or 412)
            {
                // Put back as stuck, or removed by an operator: the send goes on, and its outcome is recorded as
                // Outbox.RecordSentAsync and RecordFailureAsync decide.
                LogLost(logger, instanceId, step);
                return;
            }
            catch (RequestFailedException e)
            {
                // Storage is struggling: try again at the next renewal; the lease has room for a missed one.
                LogRenewalFailed(logger, instanceId, step, e.Status);
            }
        }
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The claim on step {Step} of {InstanceId} was taken while sending; it may be sent twice."
    )]
    private static partial void LogLost(ILogger logger, string instanceId, string step);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Could not renew the claim on step {Step} of {InstanceId} (status {Status}); will try again."
    )]
    private static partial void LogRenewalFailed(ILogger logger, string instanceId, string step, int status);
}
