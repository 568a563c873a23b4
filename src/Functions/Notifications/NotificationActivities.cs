using Microsoft.Azure.Functions.Worker;
using Pathfinder.Functions.Notifications.Templates;
using Pathfinder.Functions.Partners;

namespace Pathfinder.Functions.Notifications;

/// <summary>The messages of an application's life, each to its own audience.</summary>
public enum NotificationKind
{
    Acknowledgement,
    NewApplication,
    ReviewReminder,
    Escalation,
    Approved,
    Rejected,
    Withdrawn,
    Announced,
    Live,
}

/// <summary>What the workflow asks to be told, about whom; <paramref name="Step"/> numbers it within the instance.</summary>
public sealed record NotificationRequest(NotificationKind Kind, ApplicationFacts Facts, int Step)
{
    public IReadOnlyList<CriterionNotMet>? NotMet { get; init; }
    public string? Comments { get; init; }
    public string? Reason { get; init; }
    public int? Wave { get; init; }
    public DateOnly? GoLive { get; init; }
    public DateTimeOffset? Now { get; init; }

    /// <summary>Send to this address instead of the applicant (the sender of an emailed form).</summary>
    public string? To { get; init; }
}

/// <summary>The activity that sends notifications.</summary>
public sealed class NotificationActivities(PartnerDirectory partners, Outbox.Outbox outbox)
{
    /// <summary>
    /// Renders a notification and puts one message per recipient in the outbox under the application's reference and
    /// the orchestration's step number, so a retried activity never sends twice; then tries to send them at once.
    /// </summary>
    [Function(nameof(SendNotification))]
    public async Task<int> SendNotification([ActivityTrigger] NotificationRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var instance = input.Facts.Reference;
        var email = Render(input);
        var recipients = await RecipientsAsync(input, cancellationToken);
        for (var i = 0; i < recipients.Count; i++)
        {
            var step = $"{input.Step:D4}-{i:D2}";
            var message = email.ToMessage([recipients[i]], input.Kind.ToString(), $"{instance}/{step}");
            await outbox.EnqueueAsync(instance, step, message, cancellationToken);
            await outbox.TrySendNowAsync(instance, step, cancellationToken);
        }
        return recipients.Count;

        static RenderedEmail Render(NotificationRequest r) => r.Kind switch
        {
            NotificationKind.Acknowledgement => NotificationTemplates.Acknowledgement(r.Facts),
            NotificationKind.NewApplication => NotificationTemplates.NewApplication(r.Facts),
            NotificationKind.ReviewReminder => NotificationTemplates.ReviewReminder(r.Facts, r.Now ?? r.Facts.ReceivedAt),
            NotificationKind.Escalation => NotificationTemplates.Escalation(r.Facts),
            NotificationKind.Approved => NotificationTemplates.Approved(r.Facts),
            NotificationKind.Rejected => NotificationTemplates.Rejected(r.Facts, r.NotMet ?? [], r.Comments),
            NotificationKind.Withdrawn => NotificationTemplates.Withdrawn(r.Facts, r.Reason),
            NotificationKind.Announced => NotificationTemplates.Announced(r.Facts, r.Wave ?? 0, r.GoLive!.Value),
            NotificationKind.Live => NotificationTemplates.Live(r.Facts, r.GoLive!.Value),
            _ => throw new ArgumentOutOfRangeException(nameof(r), r.Kind, "Not a notification about one application."),
        };
    }

    private async Task<List<EmailAddress>> RecipientsAsync(NotificationRequest input, CancellationToken cancellationToken)
    {
        var facts = input.Facts;
        var applicant = input.To is { } to ? new EmailAddress(to) : new EmailAddress(facts.LeadGpEmail, facts.LeadGpName);
        var groups = input.Kind switch
        {
            NotificationKind.NewApplication or NotificationKind.ReviewReminder => [(PartnerKind.ShaReviewers, facts.ShaCode)],
            NotificationKind.Escalation => [(PartnerKind.ShaReviewers, facts.ShaCode), (PartnerKind.NationalTeam, null)],
            NotificationKind.Live =>
                new List<(PartnerKind, string?)> { (PartnerKind.ShaReviewers, facts.ShaCode), (PartnerKind.Lmc, facts.ShaCode) }
                    .Concat(facts.ResearchOptIn ? [(PartnerKind.ResearchUnit, null)] : []).ToList(),
            _ => new List<(PartnerKind Kind, string? Code)>(),
        };
        var recipients = input.Kind is NotificationKind.NewApplication or NotificationKind.ReviewReminder
            or NotificationKind.Escalation ? new List<EmailAddress>() : [applicant];
        foreach (var (kind, code) in groups)
        {
            recipients.AddRange((await partners.GetAsync(kind, code, cancellationToken))
                .Select(p => new EmailAddress(p.Email, p.Name)));
        }
        return recipients;
    }
}
