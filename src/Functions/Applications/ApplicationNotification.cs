using System.Text.Json.Serialization;
using Pathfinder.Domain;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// What an application's workflow asks to be told, one type per message; <see cref="Step"/> numbers it within the
/// instance. Each knows who hears it and how it reads. Carried to the activity in the flat shape requests always had
/// (<see cref="ApplicationNotificationJson"/>), so messages in flight when this changed read unchanged.
/// </summary>
[JsonConverter(typeof(ApplicationNotificationJson))]
public abstract record ApplicationNotification(ApplicationFacts Facts, int Step)
{
    /// <summary>The message's name: its category in the outbox and SendGrid, and its stored kind.</summary>
    public abstract NotificationKind Kind { get; }

    /// <summary>Whether the applicant (the lead GP, or <see cref="Acknowledgement.To"/>) gets it.</summary>
    public virtual bool ToApplicant => true;

    /// <summary>The partners who get it too, by kind and SHA (null: every SHA's).</summary>
    public virtual IReadOnlyList<(PartnerKind Kind, string? Sha)> Partners => [];

    /// <summary>Whether it names the new pathfinder's contacts (its SHA's pathfinder team and LMC).</summary>
    public virtual bool NamesContacts => false;

    /// <summary>The message for one audience: reviewers get the link to the application's page.</summary>
    public abstract RenderedEmail Render(RenderContext context);

    /// <summary>The applicant's reference, status link and the review's deadline.</summary>
    public sealed record Acknowledgement(ApplicationFacts Facts, int Step, string? To)
        : ApplicationNotification(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.Acknowledgement;

        public override RenderedEmail Render(RenderContext context) =>
            NotificationTemplates.Acknowledgement(Facts, context.Links.For(Facts.Reference));
    }

    /// <summary>A message for the SHA's reviewers, not the applicant.</summary>
    public abstract record ForReviewers(ApplicationFacts Facts, int Step) : ApplicationNotification(Facts, Step)
    {
        public override bool ToApplicant => false;

        public override IReadOnlyList<(PartnerKind Kind, string? Sha)> Partners =>
            [(PartnerKind.ShaReviewers, Facts.ShaCode)];
    }

    /// <summary>To the SHA's reviewers: a new expression of interest to consider.</summary>
    public sealed record NewApplication(ApplicationFacts Facts, int Step) : ForReviewers(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.NewApplication;

        public override RenderedEmail Render(RenderContext context) =>
            NotificationTemplates.NewApplication(Facts, context.Links.ReviewPage(Facts.Reference));
    }

    /// <summary>To the SHA's reviewers: the days left to decide, counted from <see cref="Now"/>.</summary>
    public sealed record ReviewReminder(ApplicationFacts Facts, int Step, DateTimeOffset Now)
        : ForReviewers(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.ReviewReminder;

        public override RenderedEmail Render(RenderContext context) =>
            NotificationTemplates.ReviewReminder(Facts, Now, context.Links.ReviewPage(Facts.Reference));
    }

    /// <summary>To the SHA's reviewers and the national team: the deadline passed without a decision.</summary>
    public sealed record Escalation(ApplicationFacts Facts, int Step) : ForReviewers(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.Escalation;

        public override IReadOnlyList<(PartnerKind Kind, string? Sha)> Partners =>
            [.. base.Partners, (PartnerKind.NationalTeam, null)];

        public override RenderedEmail Render(RenderContext context) =>
            NotificationTemplates.Escalation(Facts, context.Links.ReviewPage(Facts.Reference));
    }

    /// <summary>To the applicant: approved, and what happens next.</summary>
    public sealed record Approved(ApplicationFacts Facts, int Step) : ApplicationNotification(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.Approved;

        public override RenderedEmail Render(RenderContext context) => NotificationTemplates.Approved(Facts);
    }

    /// <summary>To the applicant: which criteria were not demonstrated, and why.</summary>
    public sealed record Rejected(
        ApplicationFacts Facts,
        int Step,
        IReadOnlyList<CriterionNotMet> NotMet,
        string? Comments
    ) : ApplicationNotification(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.Rejected;

        public override RenderedEmail Render(RenderContext context) =>
            NotificationTemplates.Rejected(Facts, NotMet, Comments);
    }

    /// <summary>To the applicant: withdrawn, with the reviewer's reason if given.</summary>
    public sealed record Withdrawn(ApplicationFacts Facts, int Step, string? Reason)
        : ApplicationNotification(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.Withdrawn;

        public override RenderedEmail Render(RenderContext context) => NotificationTemplates.Withdrawn(Facts, Reason);
    }

    /// <summary>To the applicant: announced in a national wave, going live on a date.</summary>
    public sealed record Announced(ApplicationFacts Facts, int Step, int Wave, DateOnly GoLive)
        : ApplicationNotification(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.Announced;

        public override RenderedEmail Render(RenderContext context) =>
            NotificationTemplates.Announced(Facts, Wave, GoLive);
    }

    /// <summary>To the applicant, its SHA, its LMC and (if opted in) the researchers: the pathfinder is live.</summary>
    public sealed record Live(ApplicationFacts Facts, int Step, DateOnly GoLive) : ApplicationNotification(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.Live;

        public override IReadOnlyList<(PartnerKind Kind, string? Sha)> Partners =>
            [
                (PartnerKind.ShaReviewers, Facts.ShaCode),
                (PartnerKind.Lmc, Facts.ShaCode),
                .. Facts.ResearchOptIn
                    ? [(PartnerKind.ResearchUnit, (string?)null)]
                    : Array.Empty<(PartnerKind, string?)>(),
            ];

        public override RenderedEmail Render(RenderContext context) =>
            NotificationTemplates.Live(
                Facts,
                GoLive,
                context.ForReviewers ? context.Links.ReviewPage(Facts.Reference) : null
            );
    }

    /// <summary>To the lead GP before go-live (orchestration version 2 on): what it means, whom to contact.</summary>
    public sealed record GoLiveNotice(ApplicationFacts Facts, int Step, DateOnly GoLive, DateTimeOffset Now)
        : ApplicationNotification(Facts, Step)
    {
        public override NotificationKind Kind => NotificationKind.GoLiveNotice;

        public override bool NamesContacts => true;

        public override RenderedEmail Render(RenderContext context) =>
            NotificationTemplates.GoLiveNotice(Facts, GoLive, Now, context.Contacts);
    }
}

/// <summary>
/// What a message needs besides its own fields, for one audience: the links it may carry, whether it goes to
/// reviewers (who get the link to the application's page), and the new pathfinder's contacts by name and address.
/// </summary>
public sealed record RenderContext(
    IStatusLinks Links,
    bool ForReviewers,
    IReadOnlyList<(string Name, string Email)> Contacts
);
