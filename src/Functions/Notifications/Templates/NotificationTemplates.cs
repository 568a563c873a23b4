using Pathfinder.Domain;

namespace Pathfinder.Functions.Notifications.Templates;

/// <summary>
/// What the programme says at each step, in the voice of the DH letter of 26 October 2010: plain English, UK dates,
/// the three criteria in its own words. Pure functions of their inputs, so a replayed orchestration writes the same
/// message again.
/// </summary>
public static class NotificationTemplates
{
    private const string Programme = "GP consortia pathfinder programme";
    private const string NationalTeam = "Department of Health";
    private const string ResearchUnit = "Commissioning & Health Care System Research Unit";

    // The letter's wording: a group joins "unless they are unable to demonstrate" these.
    private static readonly string[] Criteria = [.. Domain.Criteria.All.Select(c => c.LetterWording)];

    /// <summary>
    /// To the applicant: we have it, this is your reference, the SHA decides by the deadline; and the signed link to
    /// the page that shows where the application stands.
    /// </summary>
    public static RenderedEmail Acknowledgement(ApplicationFacts f, Uri statusLink)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(statusLink);
        return new EmailWriter($"Expression of interest received: {f.ConsortiumName} ({f.Reference})")
            .Paragraph($"Dear {f.LeadGpName},")
            .Paragraph(
                $"Thank you for the expression of interest in the {Programme} from {f.ConsortiumName}. "
                    + $"{Sha(f)} received it on {UkFormat.DayAndTime(f.ReceivedAt)}."
            )
            .Facts(
                ("Reference", f.Reference),
                ("Consortium", f.ConsortiumName),
                ("Practices", UkFormat.Number(f.PracticeCount)),
                ("Registered population", UkFormat.Number(f.RegisteredPopulation)),
                ("Decision due by", UkFormat.DayAndTime(f.ReviewDeadline))
            )
            .Heading("What happens next")
            .Paragraph(
                $"{Sha(f)} will consider your expression of interest within {Period(f)}, by "
                    + $"{UkFormat.DayAndTime(f.ReviewDeadline)}. Any group of practices that wishes to join the "
                    + $"programme "
                    + "can do so unless it is unable to demonstrate:"
            )
            .Bullets(Criteria)
            .Paragraph(
                $"We will write to you as soon as the SHA has decided. Please keep your reference, {f.Reference}, "
                    + "and quote it whenever you contact us about this expression of interest."
            )
            .Link(
                "You can see where your expression of interest stands, and what happens next, at any time on this "
                    + "page. The link is yours alone: please do not share it.",
                statusLink
            )
            .SignOff("Yours sincerely", "Pathfinder team", Sha(f))
            .Render();
    }

    /// <summary>To the SHA's reviewers: a new expression of interest to consider before the deadline.</summary>
    public static RenderedEmail NewApplication(ApplicationFacts f, Uri reviewLink)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(reviewLink);
        return new EmailWriter($"New expression of interest to consider: {f.ConsortiumName} ({f.Reference})")
            .Paragraph("Dear colleague,")
            .Paragraph(
                $"{f.ConsortiumName} has sent {Sha(f)} an expression of interest in the {Programme}. Please "
                    + $"consider it and record your decision by {UkFormat.DayAndTime(f.ReviewDeadline)}: the "
                    + $"Department of Health asks SHAs to consider expressions of interest within {Period(f)}."
            )
            .Facts(
                ("Reference", f.Reference),
                ("Consortium", f.ConsortiumName),
                ("Lead GP", $"{f.LeadGpName} ({f.LeadGpEmail})"),
                ("Practices", UkFormat.Number(f.PracticeCount)),
                ("Registered population", UkFormat.Number(f.RegisteredPopulation)),
                ("Received", UkFormat.DayAndTime(f.ReceivedAt)),
                ("Decision due by", UkFormat.DayAndTime(f.ReviewDeadline)),
                ("Research evaluation", f.ResearchOptIn ? "Opted in" : "Not opted in")
            )
            .Paragraph(
                "The programme is deliberately permissive: approve the group unless it is unable to demonstrate:"
            )
            .Bullets(Criteria)
            .Paragraph(
                "If you do not approve it, say which of these it has not demonstrated and why. The applicant will "
                    + "see your reasons, and may apply again."
            )
            .Link(
                "Read the expression of interest and record your decision here (sign in with your NHS account):",
                reviewLink
            )
            .SignOff(Programme)
            .Render();
    }

    /// <summary>To the SHA's reviewers: how many days are left, counted in UK calendar days.</summary>
    public static RenderedEmail ReviewReminder(ApplicationFacts f, DateTimeOffset now, Uri reviewLink)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(reviewLink);
        var daysLeft = UkTime.DateOf(f.ReviewDeadline).DayNumber - UkTime.DateOf(now).DayNumber;
        var due = daysLeft switch
        {
            > 0 => $"due in {UkFormat.Days(daysLeft)}",
            0 => "due today",
            _ => $"overdue by {UkFormat.Days(-daysLeft)}",
        };
        return new EmailWriter($"Reminder: decision {due} on {f.ConsortiumName} ({f.Reference})")
            .Paragraph("Dear colleague,")
            .Paragraph(
                $"The decision on the expression of interest from {f.ConsortiumName} is {due}: please record it "
                    + $"by {UkFormat.DayAndTime(f.ReviewDeadline)}. If no decision is recorded by then, the national "
                    + $"team will be told that the {PeriodBeforeNoun(f)} deadline has passed."
            )
            .Facts(
                ("Reference", f.Reference),
                ("Consortium", f.ConsortiumName),
                ("Lead GP", $"{f.LeadGpName} ({f.LeadGpEmail})"),
                ("Received", UkFormat.DayAndTime(f.ReceivedAt)),
                ("Decision due by", UkFormat.DayAndTime(f.ReviewDeadline))
            )
            .Link("Record your decision here (sign in with your NHS account):", reviewLink)
            .SignOff(Programme)
            .Render();
    }

    /// <summary>To the SHA and the national team: the review period passed without a decision, which is still
    /// welcome.</summary>
    public static RenderedEmail Escalation(ApplicationFacts f, Uri reviewLink)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(reviewLink);
        return new EmailWriter($"Decision overdue: {f.ConsortiumName} ({f.Reference}), {f.ShaName} SHA")
            .Paragraph("Dear colleagues,")
            .Paragraph(
                $"The {PeriodBeforeNoun(f)} deadline for {Sha(f)} to consider the expression of interest from "
                    + $"{f.ConsortiumName} passed at {UkFormat.DayAndTime(f.ReviewDeadline)} without a decision."
            )
            .Facts(
                ("Reference", f.Reference),
                ("Consortium", f.ConsortiumName),
                ("SHA", $"{f.ShaName} ({f.ShaCode})"),
                ("Practices", UkFormat.Number(f.PracticeCount)),
                ("Registered population", UkFormat.Number(f.RegisteredPopulation)),
                ("Received", UkFormat.DayAndTime(f.ReceivedAt)),
                ("Decision was due by", UkFormat.DayAndTime(f.ReviewDeadline))
            )
            .Paragraph(
                "The SHA can still record its decision: it will be accepted as normal and the applicant told at "
                    + "once. Please agree between you when the decision will be made, so the group is not kept waiting."
            )
            .Link("The expression of interest (sign in with your NHS account):", reviewLink)
            .SignOff(Programme, NationalTeam)
            .Render();
    }

    /// <summary>To the applicant: approved, and to be announced in the next national wave.</summary>
    public static RenderedEmail Approved(ApplicationFacts f)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new EmailWriter($"{f.ConsortiumName} approved as a GP consortia pathfinder ({f.Reference})")
            .Paragraph($"Dear {f.LeadGpName},")
            .Paragraph(
                $"I am pleased to tell you that {Sha(f)} has approved {f.ConsortiumName} as a GP consortia "
                    + "pathfinder. The Department of Health announces pathfinders nationally in waves, and you will be "
                    + "announced in the next wave. We will write to you again then."
            )
            .Facts(
                ("Reference", f.Reference),
                ("Consortium", f.ConsortiumName),
                ("Practices", UkFormat.Number(f.PracticeCount)),
                ("Registered population", UkFormat.Number(f.RegisteredPopulation))
            )
            .Heading("What happens next")
            .Paragraph(
                "Please agree with your PCT and SHA how you will be supported in your new role, and when you will "
                    + "take on additional responsibilities. Until then you work within the current legislative and "
                    + "governance frameworks."
            )
            .Paragraph(
                "Your Local Medical Committee, the RCGP, NAPC, NHS Alliance and FDA can all help and support you."
            )
            .Paragraph(Research(f))
            .SignOff("Yours sincerely", "Pathfinder team", Sha(f))
            .Render();
    }

    /// <summary>To the applicant: the criteria not demonstrated and why, and that the group may apply again.</summary>
    public static RenderedEmail Rejected(ApplicationFacts f, IReadOnlyList<CriterionNotMet> notMet, string? comments)
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(notMet);
        if (notMet.Count == 0)
        {
            throw new ArgumentException(
                "A rejection names at least one criterion not demonstrated; the programme accepts everyone else.",
                nameof(notMet)
            );
        }

        var writer = new EmailWriter($"Decision on your expression of interest: {f.ConsortiumName} ({f.Reference})")
            .Paragraph($"Dear {f.LeadGpName},")
            .Paragraph(
                $"{Sha(f)} has considered the expression of interest from {f.ConsortiumName} (reference "
                    + $"{f.Reference}) and is not able to approve it at this stage."
            )
            .Paragraph(
                "Any group of practices that wishes to join the programme can do so unless it is unable to "
                    + (
                        notMet.Count == 1
                            ? "demonstrate one of three things. The SHA found this one not demonstrated:"
                            : "demonstrate one of three things. The SHA found these not demonstrated:"
                    )
            )
            .LabelledBullets(notMet.Select(c => ((string?)c.Criterion, c.Reason)));

        if (!string.IsNullOrWhiteSpace(comments))
        {
            writer.Heading("The SHA's comments").Paragraph(comments);
        }

        return writer
            .Heading("Applying again")
            .Paragraph(
                "You may send a new expression of interest whenever you are ready: pathfinders join the programme "
                    + "on a rolling basis through 2011/12. Your SHA will be glad to talk through how to show the "
                    + "criteria above."
            )
            .SignOff("Yours sincerely", "Pathfinder team", Sha(f))
            .Render();
    }

    /// <summary>To the applicant: the expression of interest is withdrawn and will not be considered.</summary>
    public static RenderedEmail Withdrawn(ApplicationFacts f, string? reason)
    {
        ArgumentNullException.ThrowIfNull(f);
        var writer = new EmailWriter($"Expression of interest withdrawn: {f.ConsortiumName} ({f.Reference})")
            .Paragraph($"Dear {f.LeadGpName},")
            .Paragraph(
                $"The expression of interest from {f.ConsortiumName} (reference {f.Reference}) has been withdrawn, "
                    + $"and {Sha(f)} will not consider it further."
            );

        if (!string.IsNullOrWhiteSpace(reason))
        {
            writer.Facts(("Reason given", reason));
        }

        return writer
            .Paragraph(
                "Your practices are free to join another group's expression of interest or to send a new one at "
                    + "any time: pathfinders join the programme on a rolling basis through 2011/12."
            )
            .SignOff("Yours sincerely", "Pathfinder team", Sha(f))
            .Render();
    }

    /// <summary>To the applicant: announced in wave N, live from 00:00 UK time on the go-live date.</summary>
    public static RenderedEmail Announced(ApplicationFacts f, int waveNumber, DateOnly goLive)
    {
        ArgumentNullException.ThrowIfNull(f);
        return new EmailWriter($"{f.ConsortiumName} announced in wave {waveNumber} of GP consortia pathfinders")
            .Paragraph($"Dear {f.LeadGpName},")
            .Paragraph(
                $"The Department of Health has announced {f.ConsortiumName} as a GP consortia pathfinder in wave "
                    + $"{waveNumber}. Congratulations to you and your practices."
            )
            .Facts(
                ("Reference", f.Reference),
                ("Wave", UkFormat.Number(waveNumber)),
                ("Go-live", $"00:00 (UK time) on {UkFormat.Day(goLive)}")
            )
            .Paragraph(
                $"{f.ConsortiumName} takes on its responsibilities as a pathfinder from 00:00 UK time on "
                    + $"{UkFormat.Day(goLive)}, as agreed with your PCT and SHA."
            )
            .Heading("The learning network")
            .Paragraph(
                "As a pathfinder you join the national learning network, so that what you learn is shared across "
                    + "the country. We ask pathfinders to support other local groups that are less developed. The "
                    + "Department is making £1 million available to support regional learning programmes."
            )
            .Paragraph(Research(f))
            .SignOff("Yours sincerely", Programme, NationalTeam)
            .Render();
    }

    /// <summary>One digest of a wave for a partner: every new pathfinder and the population they cover.</summary>
    public static RenderedEmail WaveDigest(
        string audienceName,
        int waveNumber,
        DateTimeOffset announcedAt,
        IReadOnlyList<PathfinderListing> pathfinders
    )
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(audienceName);
        ArgumentNullException.ThrowIfNull(pathfinders);
        if (pathfinders.Count == 0)
        {
            throw new ArgumentException("A wave digest lists at least one pathfinder.", nameof(pathfinders));
        }

        var count =
            pathfinders.Count == 1 ? "1 new pathfinder" : $"{UkFormat.Number(pathfinders.Count)} new pathfinders";
        var population = UkFormat.Number(pathfinders.Sum(p => p.RegisteredPopulation));
        // Grouped by SHA so each partner finds its own area together.
        var listed = pathfinders
            .OrderBy(p => p.ShaName, StringComparer.Ordinal)
            .ThenBy(p => p.ConsortiumName, StringComparer.OrdinalIgnoreCase);

        return new EmailWriter($"Wave {waveNumber} of GP consortia pathfinders: {count}")
            .Paragraph($"Dear {audienceName},")
            .Paragraph(
                $"On {UkFormat.Day(announcedAt)} the Department of Health announced wave {waveNumber} of GP "
                    + $"consortia pathfinders: {count}, covering a registered population of {population}."
            )
            .Table(
                ["Consortium", "SHA", "Reference", "Registered population", "Areas of work", "Go-live"],
                listed.Select(p =>
                    (IReadOnlyList<string>)
                        [
                            p.ConsortiumName,
                            p.ShaName,
                            p.Reference,
                            UkFormat.Number(p.RegisteredPopulation),
                            p.AreasOfWork.Count == 0 ? "Not stated" : string.Join(", ", p.AreasOfWork),
                            UkFormat.Day(p.GoLive),
                        ]
                )
            )
            .Facts(("New pathfinders", UkFormat.Number(pathfinders.Count)), ("Total registered population", population))
            .Paragraph(
                "Each pathfinder takes on its responsibilities from 00:00 UK time on its go-live date. Please help "
                    + "and support the pathfinders in your area as they take on their new roles."
            )
            .SignOff(Programme, NationalTeam)
            .Render();
    }

    /// <summary>
    /// To the applicant, SHA, LMC and research unit: the pathfinder is responsible from today. The SHA's reviewers'
    /// copy carries <paramref name="reviewLink"/> to the application's page; the others' copies, whom that page would
    /// refuse, carry none.
    /// </summary>
    public static RenderedEmail Live(ApplicationFacts f, DateOnly goLive, Uri? reviewLink = null)
    {
        ArgumentNullException.ThrowIfNull(f);
        var writer = new EmailWriter($"{f.ConsortiumName} is live as a GP consortia pathfinder from today")
            .Paragraph("Dear colleagues,")
            .Paragraph(
                $"From today, {UkFormat.Day(goLive)}, {f.ConsortiumName} takes on its responsibilities as a GP "
                    + "consortia pathfinder, as agreed with its PCT and SHA. It does so within the current legislative "
                    + "and governance frameworks, through which plans, contracts and outcomes continue to be effected."
            )
            .Facts(
                ("Reference", f.Reference),
                ("Consortium", f.ConsortiumName),
                ("Lead GP", $"{f.LeadGpName} ({f.LeadGpEmail})"),
                ("SHA", $"{f.ShaName} ({f.ShaCode})"),
                ("Practices", UkFormat.Number(f.PracticeCount)),
                ("Registered population", UkFormat.Number(f.RegisteredPopulation)),
                ("Live from", $"00:00 (UK time) on {UkFormat.Day(goLive)}"),
                ("Research evaluation", f.ResearchOptIn ? "Opted in" : "Not opted in")
            )
            .Paragraph(
                "Thank you to everyone who has helped the practices get here. Please keep supporting them, and "
                    + "share what they learn through the learning network."
            );
        if (reviewLink is not null)
        {
            writer.Link("The application (SHA reviewers, signed in with an NHS account):", reviewLink);
        }
        return writer.SignOff(Programme, NationalTeam).Render();
    }

    /// <summary>
    /// To the lead GP, ahead of go-live (orchestration version 2 on): what going live means, and whom to contact.
    /// <paramref name="contacts"/> are the SHA's pathfinder team and the LMC, as the partner directory holds them.
    /// </summary>
    public static RenderedEmail GoLiveNotice(
        ApplicationFacts f,
        DateOnly goLive,
        DateTimeOffset now,
        IReadOnlyList<(string Name, string Email)> contacts
    )
    {
        ArgumentNullException.ThrowIfNull(f);
        ArgumentNullException.ThrowIfNull(contacts);
        var daysLeft = goLive.DayNumber - UkTime.DateOf(now).DayNumber;
        var when = daysLeft > 0 ? $"in {UkFormat.Days(daysLeft)}, " : "";
        var writer = new EmailWriter(
            $"{f.ConsortiumName} goes live on {UkFormat.Day(goLive)}: what it means ({f.Reference})"
        )
            .Paragraph($"Dear {f.LeadGpName},")
            .Paragraph(
                $"{f.ConsortiumName} goes live as a GP consortia pathfinder {when}at 00:00 (UK time) on "
                    + $"{UkFormat.Day(goLive)}. This note sets out what that means and who can help."
            )
            .Heading("What going live means")
            .Bullets([
                "From that day your consortium takes on the commissioning responsibilities you agreed with your PCT "
                    + "and SHA, and no others.",
                "You work within the current legislative and governance frameworks: plans, contracts and outcomes "
                    + "continue to be effected through your PCT, which remains accountable for them.",
                "You join the national learning network, share what you learn, and support local groups that are "
                    + "less developed.",
                "Nothing changes for your patients' registration with their practices.",
            ])
            .Facts(
                ("Reference", f.Reference),
                ("Consortium", f.ConsortiumName),
                ("Go-live", $"00:00 (UK time) on {UkFormat.Day(goLive)}")
            )
            .Heading("Who to contact");
        writer =
            contacts.Count == 0
                ? writer.Paragraph($"Your PCT, or the pathfinder team at {Sha(f)}.")
                : writer.Paragraph("Your PCT, and:").Bullets(contacts.Select(c => $"{c.Name}: {c.Email}"));
        return writer
            .Paragraph(
                "If the date needs to move, agree the new date with your PCT and SHA: the SHA records it and we will "
                    + "write to you on the day you go live."
            )
            .SignOff("Yours sincerely", "Pathfinder team", Sha(f))
            .Render();
    }

    /// <summary>The review period this application was given ("four weeks"), whatever the settings were then.</summary>
    private static string Period(ApplicationFacts f) =>
        ReviewPeriodWords.Describe(ReviewPeriodWords.Between(f.ReceivedAt, f.ReviewDeadline));

    private static string PeriodBeforeNoun(ApplicationFacts f) =>
        ReviewPeriodWords.DescribeBeforeNoun(ReviewPeriodWords.Between(f.ReceivedAt, f.ReviewDeadline));

    private static string Sha(ApplicationFacts f) => $"{f.ShaName} Strategic Health Authority";

    private static string Research(ApplicationFacts f) =>
        f.ResearchOptIn
            ? $"You opted in to the evaluation of GP commissioning by the {ResearchUnit}; the unit will contact you "
                + "about taking part."
            : $"Early pathfinders may take part in the evaluation of GP commissioning by the {ResearchUnit}. If you "
                + "would like to, please tell your SHA.";
}
