using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Intake.Inbound;

namespace Pathfinder.Functions.Retention;

/// <summary>
/// Applies <see cref="RetentionOptions"/>: purges the Durable history of instances that ended long enough ago, removes
/// the personal data of applications that ended (rejected, withdrawn) or went live long enough ago, and deletes
/// archived inbound emails. The outbox rows of an anonymised application lose their recipients and bodies, and
/// SendGrid's events about them go. Records stay, with their status, practices, population and timeline, so reports
/// keep
/// their figures; the timeline says when the personal data went. Each part does at most a batch per run and is safe
/// to run again.
/// </summary>
public sealed partial class RetentionSweep(
    ApplicationRepository applications,
    InboundEmails emails,
    InboundArchive archive,
    Notifications.Outbox.Outbox outbox,
    Notifications.Delivery.DeliveryTracking deliveries,
    IOptions<RetentionOptions> options,
    TimeProvider time,
    ILogger<RetentionSweep> logger
)
{
    /// <summary>What stands in for removed personal data.</summary>
    public const string Removed = "(removed)";

    public const string TimelineLine = "Personal data removed under the retention policy";

    private static readonly OrchestrationRuntimeStatus[] Ended =
    [
        OrchestrationRuntimeStatus.Completed,
        OrchestrationRuntimeStatus.Failed,
        OrchestrationRuntimeStatus.Terminated,
    ];

    public async Task<RetentionReport> RunAsync(DurableTaskClient client, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(client);
        var report = new RetentionReport(
            await PurgeHistoryAsync(client, ct),
            await AnonymiseApplicationsAsync(ct),
            await DeleteInboundEmailsAsync(ct)
        );
        LogSwept(logger, report.HistoriesPurged, report.ApplicationsAnonymised, report.InboundEmailsDeleted);
        return report;
    }

    /// <summary>
    /// Purges instance by instance rather than by a created-time filter: what counts is when an instance ended (its
    /// last update), and an application's instance may run six months after it was created.
    /// </summary>
    private async Task<int> PurgeHistoryAsync(DurableTaskClient client, CancellationToken ct)
    {
        var cutoff = time.GetUtcNow() - options.Value.HistoryAfter;
        var due = new List<string>();
        var query = new OrchestrationQuery
        {
            Statuses = Ended,
            CreatedTo = cutoff,
            PageSize = 100,
        };
        await foreach (var instance in client.GetAllInstancesAsync(query).WithCancellation(ct))
        {
            if (instance.LastUpdatedAt <= cutoff)
            {
                due.Add(instance.InstanceId);
                if (due.Count >= options.Value.BatchSize)
                {
                    break;
                }
            }
        }
        var purged = 0;
        foreach (var id in due)
        {
            purged += (await client.PurgeInstanceAsync(id, cancellation: ct)).PurgedInstanceCount;
        }
        return purged;
    }

    private async Task<int> AnonymiseApplicationsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var due = new List<string>();
        foreach (
            var status in new[] { ApplicationStatus.Rejected, ApplicationStatus.Withdrawn, ApplicationStatus.Live }
        )
        {
            var period =
                status == ApplicationStatus.Live
                    ? options.Value.LiveApplicationsAfter
                    : options.Value.EndedApplicationsAfter;
            foreach (var record in await applications.ListAsync(null, status, ct))
            {
                if (record.PersonalDataRemovedAt is null && EndedAt(record) is { } ended && ended <= now - period)
                {
                    due.Add(record.Reference);
                }
            }
        }
        var done = 0;
        foreach (var reference in due.Take(options.Value.BatchSize))
        {
            var result = await applications.UpdateAsync(
                reference,
                r =>
                    r.PersonalDataRemovedAt is null
                        ? Result.Success(Anonymised(r, now))
                        : Result.Failure<ApplicationRecord>("Already anonymised."),
                ct
            );
            if (result.IsSuccess)
            {
                // An application's orchestration and its outbox rows share the reference as instance id.
                await outbox.RemovePersonalDataAsync(reference, ct);
                await deliveries.ForgetAsync(reference, ct);
                done++;
            }
        }
        return done;
    }

    private async Task<int> DeleteInboundEmailsAsync(CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var cutoff = now - options.Value.InboundEmailsAfter;
        var due = (await emails.ListAsync(null, ct))
            .Where(e => e.ReceivedAt <= cutoff && e.Parts.Count > 0)
            .Take(options.Value.BatchSize)
            .ToList();
        foreach (var email in due)
        {
            await archive.DeleteAsync(email.BlobPrefix, ct);
            await emails.UpdateAsync(
                email.Id,
                e =>
                    Result.Success(
                        e with
                        {
                            Parts = [],
                            From = Removed,
                            Sender = null,
                            Subject = Removed,
                            Text = null,
                            EnvelopeTo = [],
                            Notes =
                            [
                                .. e.Notes,
                                $"Archived email deleted on {now:yyyy-MM-dd} under the retention policy",
                            ],
                        }
                    ),
                ct
            );
        }
        return due.Count;
    }

    /// <summary>When an application stopped needing its people's details: went live, or was rejected or
    /// withdrawn.</summary>
    public static DateTimeOffset? EndedAt(ApplicationRecord record) =>
        record.Status switch
        {
            ApplicationStatus.Live => record.LiveAt ?? LastEntry(record),
            ApplicationStatus.Rejected or ApplicationStatus.Withdrawn => LastEntry(record) ?? record.ReceivedAt,
            _ => null,
        };

    private static DateTimeOffset? LastEntry(ApplicationRecord record) =>
        record.Timeline.Count > 0 ? record.Timeline[^1].At : null;

    /// <summary>
    /// The record without the lead GP's name, email and phone (in the timeline too) or the practices' names: codes,
    /// list sizes, status, decision and dates stay, since reports count them and they name no one.
    /// </summary>
    public static ApplicationRecord Anonymised(ApplicationRecord record, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(record);
        var form = record.Form with
        {
            LeadGp = record.Form.LeadGp is null
                ? null
                : new LeadGpForm
                {
                    Name = Removed,
                    Email = Removed,
                    Phone = Removed,
                },
            Practices = record.Form.Practices?.Select(p => p is null ? null : p with { Name = Removed }).ToList(),
        };
        // The first line is signed by the lead GP who sent the form.
        var timeline = record
            .Timeline.Select(t =>
                t with
                {
                    What = Scrub(t.What, record.LeadGpName, record.LeadGpEmail),
                    By = Scrub(t.By, record.LeadGpName, record.LeadGpEmail),
                }
            )
            .ToList();
        return (record with { Timeline = timeline }).With(at, TimelineLine, "Retention") with
        {
            LeadGpName = Removed,
            LeadGpEmail = Removed,
            Form = form,
            PersonalDataRemovedAt = at,
        };
    }

    private static string Scrub(string text, params string[] personal) =>
        personal
            .Where(p => p.Length > 0 && p != Removed)
            .Aggregate(text, (t, p) => t.Replace(p, Removed, StringComparison.OrdinalIgnoreCase));

    [LoggerMessage(
        Level = LogLevel.Information,
        Message = "Retention: purged {Histories} histories, anonymised {Applications} applications, "
            + "deleted {Emails} inbound emails"
    )]
    private static partial void LogSwept(ILogger logger, int histories, int applications, int emails);
}

/// <summary>What one run removed.</summary>
public sealed record RetentionReport(int HistoriesPurged, int ApplicationsAnonymised, int InboundEmailsDeleted);
