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

    /// <summary>Sends the notification <paramref name="make"/> makes of the facts and the next step number.</summary>
    public Task SendAsync(Func<ApplicationFacts, int, ApplicationNotification> make) =>
        context.CallActivityAsync<int>(
            nameof(NotificationActivities.SendNotification),
            make(facts, ++_step),
            ApplicationOrchestrator.Retry
        );

    /// <summary>What the applicant and partners hear of a command the orchestration applied.</summary>
    public Task CommandAppliedAsync(ApplicationCommand command) =>
        command switch
        {
            DecisionRecorded { Decision.Outcome: ReviewOutcome.Approved } => SendAsync(
                (f, step) => new ApplicationNotification.Approved(f, step)
            ),
            DecisionRecorded { Decision: var rejected } => SendAsync(
                (f, step) =>
                    new ApplicationNotification.Rejected(f, step, NotDemonstrated(rejected.Criteria), rejected.Comments)
            ),
            WithdrawalRequested withdrawn => SendAsync(
                (f, step) => new ApplicationNotification.Withdrawn(f, step, withdrawn.Reason)
            ),
            // A go-live date agreed is the applicant's own news: the go-live notice and the live email follow it.
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
