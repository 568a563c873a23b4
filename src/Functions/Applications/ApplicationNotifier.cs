using Microsoft.DurableTask;
using Pathfinder.Domain;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// Sends an application's notifications from its orchestration. Each send gets the next step number, which the
/// outbox keys on with the instance id, so a retried activity never sends a message twice (an activity's own
/// context has no task id to key on).
/// </summary>
internal sealed class ApplicationNotifier(TaskOrchestrationContext context, ApplicationFacts facts, int firstStep = 0)
{
    private int _step = firstStep;

    public Task SendAsync(NotificationKind kind, Func<NotificationRequest, NotificationRequest>? details = null)
    {
        var request = new NotificationRequest(kind, facts, ++_step);
        return context.CallActivityAsync<int>(
            nameof(NotificationActivities.SendNotification),
            details is null ? request : details(request),
            ApplicationOrchestrator.Retry
        );
    }

    /// <summary>What the applicant and partners hear of a command the orchestration applied.</summary>
    public Task CommandAppliedAsync(ApplicationCommand command) =>
        command switch
        {
            { Kind: ApplicationCommandKind.Decision, Decision.Outcome: ReviewOutcome.Approved } => SendAsync(
                NotificationKind.Approved
            ),
            { Kind: ApplicationCommandKind.Decision, Decision: { } rejected } => SendAsync(
                NotificationKind.Rejected,
                r => r with { NotMet = NotDemonstrated(rejected.Criteria), Comments = rejected.Comments }
            ),
            { Kind: ApplicationCommandKind.Withdrawal } => SendAsync(NotificationKind.Withdrawn, r =>
                r with
                {
                    Reason = command.Reason,
                }
            ),
            _ => Task.CompletedTask,
        };

    /// <summary>The criteria a rejection found not demonstrated, in the words the applicant is told (email and status
    /// page).</summary>
    internal static List<CriterionNotMet> NotDemonstrated(CriteriaAssessment criteria) =>
        [
            .. Criteria
                .All.Where(c => !c.In(criteria).Demonstrated)
                .Select(c => new CriterionNotMet(c.Name, c.In(criteria).Note ?? "")),
        ];
}
