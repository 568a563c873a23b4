using Microsoft.Azure.Functions.Worker;
using Pathfinder.Domain;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Notifications.Templates;
using Pathfinder.Functions.Partners;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// The activity that sends notifications. Links in the messages (the applicant's signed status link, the reviewers'
/// link to the application's page) are made here, in the activity, never in an orchestrator: a status link carries
/// an expiry read from the clock, which a replayed orchestrator must not read. A retried activity may make a link
/// with a later expiry, but the outbox keeps the message it first queued for the step, so what is sent is fixed.
/// </summary>
public sealed class NotificationActivities(PartnerDirectory partners, Outbox outbox, IStatusLinks statusLinks)
{
    /// <summary>Who a copy of a message is for: each audience gets the links it can open, and only those.</summary>
    private enum Audience
    {
        Applicant,
        Reviewers,
        Others,
    }

    /// <summary>
    /// Renders a notification and puts one message per recipient in the outbox under the application's reference and
    /// the orchestration's step number, so a retried activity never sends twice; then tries to send them at once.
    /// </summary>
    [Function(nameof(SendNotification))]
    public async Task<int> SendNotification(
        [ActivityTrigger] ApplicationNotification input,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(input);
        var instance = input.Facts.Reference;
        var emails = new Dictionary<Audience, RenderedEmail>();
        var recipients = await RecipientsAsync(input, cancellationToken);
        var contacts = input.NamesContacts ? await ContactsAsync(input.Facts, cancellationToken) : [];
        for (var i = 0; i < recipients.Count; i++)
        {
            var (address, audience) = recipients[i];
            if (!emails.TryGetValue(audience, out var email))
            {
                emails[audience] = email = input.Render(
                    new RenderContext(statusLinks, audience == Audience.Reviewers, contacts)
                );
            }
            var step = $"{input.Step:D4}-{i:D2}";
            var message = email.ToMessage(address, input.Kind.ToString(), $"{instance}/{step}");
            await outbox.EnqueueAsync(instance, step, message, cancellationToken);
            await outbox.TrySendNowAsync(instance, step, cancellationToken);
        }
        return recipients.Count;
    }

    /// <summary>
    /// Whom a new pathfinder contacts about going live, by name and address: its SHA's pathfinder team, then its LMC.
    /// </summary>
    private async Task<List<(string Name, string Email)>> ContactsAsync(
        ApplicationFacts facts,
        CancellationToken cancellationToken
    )
    {
        List<Partner> contacts =
        [
            .. await partners.RecipientsAsync(PartnerKind.ShaReviewers, facts.ShaCode, cancellationToken),
            .. await partners.RecipientsAsync(PartnerKind.Lmc, facts.ShaCode, cancellationToken),
        ];
        return [.. contacts.SelectMany(c => c.Details.Addresses.Select(a => (c.Name, a)))];
    }

    /// <summary>One message per recipient: the applicant, or a partner at all its addresses.</summary>
    private async Task<List<(IReadOnlyList<EmailAddress> Address, Audience Audience)>> RecipientsAsync(
        ApplicationNotification input,
        CancellationToken cancellationToken
    )
    {
        var facts = input.Facts;
        var applicant = input is ApplicationNotification.Acknowledgement { To: { } to }
            ? new EmailAddress(to)
            : new EmailAddress(facts.LeadGpEmail, facts.LeadGpName);
        var recipients = input.ToApplicant
            ? new List<(IReadOnlyList<EmailAddress>, Audience)> { ([applicant], Audience.Applicant) }
            : [];
        foreach (var (kind, code) in input.Partners)
        {
            // The national team opens every application's page, as the SHA's reviewers open theirs.
            var audience = kind is PartnerKind.ShaReviewers or PartnerKind.NationalTeam
                ? Audience.Reviewers
                : Audience.Others;
            recipients.AddRange(
                (await partners.RecipientsAsync(kind, code, cancellationToken)).Select(p => (p.ToAddresses(), audience))
            );
        }
        return recipients;
    }
}
