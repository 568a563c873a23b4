using System.Globalization;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Tests.Notifications.Templates;

public sealed class NotificationTemplatesTests
{
    private const string Hostile = "<script>alert(1)</script> & Co";
    private const string HostileEncoded = "&lt;script&gt;alert(1)&lt;/script&gt; &amp; Co";

    // Received at 09:00 UTC in October (10:00 BST); due at 10:00 UTC in November (10:00 GMT).
    private static readonly ApplicationFacts Facts = new(
        "EOI-Q35-0001",
        "Fenland Health Partnership",
        "Q35",
        "East of England",
        "Dr Asha Patel",
        "asha.patel@d81001.nhs.uk",
        12,
        123456,
        new DateTimeOffset(2010, 10, 26, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2010, 11, 23, 10, 0, 0, TimeSpan.Zero),
        ResearchOptIn: true
    );

    // Links as the activity makes them; the status link's query has an & that HTML must encode.
    private static readonly Uri StatusLink = new(
        "https://pathfinders.example.nhs.uk/status/EOI-Q35-0001?expires=1290506400&signature=abc_-"
    );
    private static readonly Uri ReviewLink = new("https://pathfinders.example.nhs.uk/review/EOI-Q35-0001");

    public static TheoryData<string> Kinds { get; } =
    [
        "Acknowledgement",
        "NewApplication",
        "ReviewReminder",
        "Escalation",
        "Approved",
        "Rejected",
        "Withdrawn",
        "Announced",
        "WaveDigest",
        "Live",
    ];

    [Fact]
    public void Acknowledgement_GivesReferenceReceiptDeadlineAndTheThreeCriteria()
    {
        var email = NotificationTemplates.Acknowledgement(Facts, StatusLink);

        Assert.Contains("EOI-Q35-0001", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Dear Dr Asha Patel,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tuesday 26 October 2010 at 10:00", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Decision due by: Tuesday 23 November 2010 at 10:00", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("within four weeks", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Please keep your reference, EOI-Q35-0001", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("local GP leadership and support", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Local Authority engagement", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("QIPP", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("East of England Strategic Health Authority", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void EveryMentionOfTheReviewPeriod_IsThePeriodThisApplicationWasGiven()
    {
        // Ten days on UK clocks, as the app counts them: the clocks go back in between.
        var tenDays = Facts with
        {
            ReviewDeadline = Pathfinder.Domain.UkTime.AddOnUkClock(Facts.ReceivedAt, TimeSpan.FromDays(10)),
        };

        var emails = new[]
        {
            NotificationTemplates.Acknowledgement(tenDays, StatusLink),
            NotificationTemplates.NewApplication(tenDays, ReviewLink),
            NotificationTemplates.ReviewReminder(tenDays, tenDays.ReceivedAt.AddDays(5), ReviewLink),
            NotificationTemplates.Escalation(tenDays, ReviewLink),
        };

        Assert.Contains("within ten days", emails[0].TextBody, StringComparison.Ordinal);
        Assert.Contains("within ten days", emails[1].TextBody, StringComparison.Ordinal);
        Assert.Contains("the ten-day deadline has passed", emails[2].TextBody, StringComparison.Ordinal);
        Assert.Contains("The ten-day deadline", emails[3].TextBody, StringComparison.Ordinal);
        Assert.All(emails, e => Assert.DoesNotContain("four", e.TextBody, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public void NewApplication_TellsReviewersTheDeadlinePracticesAndPopulation()
    {
        var email = NotificationTemplates.NewApplication(Facts, ReviewLink);

        Assert.Contains("New expression of interest", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Practices: 12", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Registered population: 123,456", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Decision due by: Tuesday 23 November 2010 at 10:00", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Dr Asha Patel (asha.patel@d81001.nhs.uk)", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Research evaluation: Opted in", email.TextBody, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("2010-11-09T09:00:00Z", "due in 14 days")]
    // 23:30 UTC on 21 November is still 21 November in winter: two UK days to go.
    [InlineData("2010-11-21T23:30:00Z", "due in 2 days")]
    [InlineData("2010-11-22T00:30:00Z", "due in 1 day")]
    [InlineData("2010-11-23T08:00:00Z", "due today")]
    public void ReviewReminder_CountsDaysLeftInUkDates(string now, string expected)
    {
        var email = NotificationTemplates.ReviewReminder(
            Facts,
            DateTimeOffset.Parse(now, CultureInfo.InvariantCulture),
            ReviewLink
        );

        Assert.Contains(expected, email.Subject, StringComparison.Ordinal);
        Assert.Contains(expected, email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Tuesday 23 November 2010 at 10:00", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void ReviewReminder_InSummer_CountsFromTheUkDateNotTheUtcDate()
    {
        // 23:30 UTC on 31 March 2011 is 00:30 BST on 1 April, the deadline's own day.
        var facts = Facts with
        {
            ReceivedAt = new DateTimeOffset(2011, 3, 4, 9, 0, 0, TimeSpan.Zero),
            ReviewDeadline = new DateTimeOffset(2011, 4, 1, 9, 0, 0, TimeSpan.Zero),
        };

        var email = NotificationTemplates.ReviewReminder(
            facts,
            new DateTimeOffset(2011, 3, 31, 23, 30, 0, TimeSpan.Zero),
            ReviewLink
        );

        Assert.Contains("due today", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Friday 1 April 2011 at 10:00", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Escalation_SaysTheDeadlinePassedAndADecisionIsStillAccepted()
    {
        var email = NotificationTemplates.Escalation(Facts, ReviewLink);

        Assert.Contains("overdue", email.Subject, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("four-week deadline", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(
            "passed at Tuesday 23 November 2010 at 10:00 without a decision",
            email.TextBody,
            StringComparison.Ordinal
        );
        Assert.Contains("can still record its decision", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("SHA: East of England (Q35)", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Approved_PromisesTheNextNationalWave()
    {
        var email = NotificationTemplates.Approved(Facts);

        Assert.Contains("approved", email.Subject, StringComparison.Ordinal);
        Assert.Contains("announced in the next wave", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("PCT and SHA", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("You opted in to the evaluation", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_NamesEachCriterionAndReason_AndInvitesANewApplication()
    {
        var email = NotificationTemplates.Rejected(
            Facts,
            [
                new("Local Authority engagement", "No letter of support from the county council."),
                new("Contribution to the local QIPP agenda", "The plan does not say which savings\nthe group leads."),
            ],
            "We would welcome a new expression of interest in the spring."
        );

        Assert.Contains(
            "- Local Authority engagement: No letter of support from the county council.",
            email.TextBody,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "- Contribution to the local QIPP agenda: The plan does not say which savings\n  the group leads.",
            email.TextBody,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "<strong>Local Authority engagement</strong>: No letter of support",
            email.HtmlBody,
            StringComparison.Ordinal
        );
        Assert.Contains("savings<br>\nthe group leads.", email.HtmlBody, StringComparison.Ordinal);
        Assert.Contains(
            "We would welcome a new expression of interest in the spring.",
            email.TextBody,
            StringComparison.Ordinal
        );
        Assert.Contains("You may send a new expression of interest", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("found these not demonstrated", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Rejected_WithoutACriterion_IsRefused() =>
        Assert.Throws<ArgumentException>(() => NotificationTemplates.Rejected(Facts, [], "No reason"));

    [Fact]
    public void Withdrawn_GivesTheReasonOnlyWhenThereIsOne()
    {
        var withReason = NotificationTemplates.Withdrawn(Facts, "The practices are joining Cambridge Together.");
        var withoutReason = NotificationTemplates.Withdrawn(Facts, " ");

        Assert.Contains(
            "Reason given: The practices are joining Cambridge Together.",
            withReason.TextBody,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("Reason given", withoutReason.TextBody, StringComparison.Ordinal);
        Assert.Contains("withdrawn", withoutReason.Subject, StringComparison.Ordinal);
        Assert.Contains("EOI-Q35-0001", withoutReason.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Announced_GivesTheWaveGoLiveAtMidnightUkTimeAndTheLearningNetwork()
    {
        var email = NotificationTemplates.Announced(Facts with { ResearchOptIn = false }, 2, new DateOnly(2011, 4, 1));

        Assert.Contains("wave 2", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Go-live: 00:00 (UK time) on Friday 1 April 2011", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("learning network", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Early pathfinders may take part in the evaluation", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(
            "Commissioning &amp; Health Care System Research Unit",
            email.HtmlBody,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void Live_SaysResponsibilitiesStartToday()
    {
        var email = NotificationTemplates.Live(Facts, new DateOnly(2011, 4, 1));

        Assert.Contains("from today", email.Subject, StringComparison.Ordinal);
        Assert.Contains(
            "From today, Friday 1 April 2011, Fenland Health Partnership takes on its responsibilities",
            email.TextBody,
            StringComparison.Ordinal
        );
        Assert.Contains("Live from: 00:00 (UK time) on Friday 1 April 2011", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Acknowledgement_CarriesTheStatusLink_AsTextAndAsAnEncodedHtmlLink()
    {
        var email = NotificationTemplates.Acknowledgement(Facts, StatusLink);

        Assert.Contains("\n" + StatusLink.AbsoluteUri + "\n", email.TextBody, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"https://pathfinders.example.nhs.uk/status/EOI-Q35-0001"
                + "?expires=1290506400&amp;signature=abc_-\">",
            email.HtmlBody,
            StringComparison.Ordinal
        );
    }

    [Theory]
    [InlineData("NewApplication")]
    [InlineData("ReviewReminder")]
    [InlineData("Escalation")]
    public void ReviewerEmails_LinkToTheApplicationsPage(string kind)
    {
        var email = Render(kind, Facts);

        Assert.Contains(ReviewLink.AbsoluteUri, email.TextBody, StringComparison.Ordinal);
        Assert.Contains($"<a href=\"{ReviewLink.AbsoluteUri}\">", email.HtmlBody, StringComparison.Ordinal);
    }

    [Fact]
    public void Live_LinksToTheApplicationsPage_OnlyInTheReviewersCopy()
    {
        Assert.Contains(
            ReviewLink.AbsoluteUri,
            NotificationTemplates.Live(Facts, new DateOnly(2011, 4, 1), ReviewLink).TextBody,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            "/review/",
            NotificationTemplates.Live(Facts, new DateOnly(2011, 4, 1)).TextBody,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void ALinkThatIsNotAnAbsoluteWebAddress_IsRefused() =>
        Assert.Throws<ArgumentException>(() =>
            NotificationTemplates.Acknowledgement(Facts, new Uri("javascript:alert(1)"))
        );

    [Fact]
    public void WaveDigest_ListsEveryPathfinderAndTheTotalPopulation()
    {
        var pathfinders = Enumerable
            .Range(1, 30)
            .Select(i => new PathfinderListing(
                $"EOI-Q3{i % 10}-{i:D4}",
                $"Consortium {i:D2}",
                i % 2 == 0 ? "London" : "South West",
                100_000 + i,
                ["Urgent care", "Prescribing"],
                new DateOnly(2011, 4, 1)
            ))
            .ToList();
        // Announced 23:30 UTC on 31 May 2011: 1 June on UK clocks (BST).
        var email = NotificationTemplates.WaveDigest(
            "RCGP",
            3,
            new DateTimeOffset(2011, 5, 31, 23, 30, 0, TimeSpan.Zero),
            pathfinders
        );

        Assert.Contains("Wave 3", email.Subject, StringComparison.Ordinal);
        Assert.Contains("30 new pathfinders", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Dear RCGP,", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("On Wednesday 1 June 2011", email.TextBody, StringComparison.Ordinal);
        Assert.Contains("Total registered population: 3,000,465", email.TextBody, StringComparison.Ordinal);
        foreach (var p in pathfinders)
        {
            Assert.Contains(
                $"- Consortium: {p.ConsortiumName}; SHA: {p.ShaName}; Reference: {p.Reference};",
                email.TextBody,
                StringComparison.Ordinal
            );
            Assert.Contains(
                $"<td style=\"padding: 4px 8px; text-align: left; vertical-align: top; border: 1px "
                    + $"solid #d8dde0;\">{p.ConsortiumName}</td>",
                email.HtmlBody,
                StringComparison.Ordinal
            );
        }
        Assert.Equal(30, CountOf(email.HtmlBody, "<tr><td"));
        Assert.Contains(
            "Areas of work: Urgent care, Prescribing; Go-live: Friday 1 April 2011",
            email.TextBody,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void WaveDigest_OfOnePathfinder_SaysSo()
    {
        var email = NotificationTemplates.WaveDigest(
            "NHS Alliance",
            1,
            Facts.ReceivedAt,
            [new("EOI-Q35-0001", "Fenland Health Partnership", "East of England", 123456, [], new DateOnly(2011, 4, 1))]
        );

        Assert.EndsWith("1 new pathfinder", email.Subject, StringComparison.Ordinal);
        Assert.Contains("Areas of work: Not stated", email.TextBody, StringComparison.Ordinal);
    }

    [Fact]
    public void WaveDigest_WithoutPathfinders_IsRefused() =>
        Assert.Throws<ArgumentException>(() => NotificationTemplates.WaveDigest("RCGP", 1, Facts.ReceivedAt, []));

    [Theory]
    [MemberData(nameof(Kinds))]
    public void WhatUsersTyped_IsEncodedInHtml_AndVerbatimInText(string kind)
    {
        var email = Render(kind, Facts with { ConsortiumName = Hostile, LeadGpName = Hostile });

        Assert.Contains(Hostile, email.TextBody, StringComparison.Ordinal);
        Assert.Contains(HostileEncoded, email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>", email.HtmlBody, StringComparison.Ordinal);
        Assert.DoesNotContain("& Co", email.HtmlBody, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Kinds))]
    public void EveryMessage_HasASubjectTextAndAWholeHtmlDocument(string kind)
    {
        var email = Render(kind, Facts);

        Assert.False(string.IsNullOrWhiteSpace(email.Subject));
        Assert.DoesNotContain('\n', email.Subject);
        Assert.EndsWith("\n", email.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain('<', email.TextBody);
        Assert.StartsWith("<!DOCTYPE html>\n<html lang=\"en-GB\">", email.HtmlBody, StringComparison.Ordinal);
        Assert.EndsWith("</html>\n", email.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(CountOf(email.HtmlBody, "<p>"), CountOf(email.HtmlBody, "</p>"));
    }

    [Fact]
    public void TypedReasonsCommentsAndAreasOfWork_AreEncodedToo()
    {
        var rejected = NotificationTemplates.Rejected(Facts, [new(Hostile, Hostile)], Hostile);
        var withdrawn = NotificationTemplates.Withdrawn(Facts, Hostile);
        var digest = NotificationTemplates.WaveDigest(
            Hostile,
            1,
            Facts.ReceivedAt,
            [new(Hostile, Hostile, Hostile, 1, [Hostile], new DateOnly(2011, 4, 1))]
        );

        foreach (var email in new[] { rejected, withdrawn, digest })
        {
            Assert.DoesNotContain("<script>", email.HtmlBody, StringComparison.Ordinal);
            Assert.Contains(HostileEncoded, email.HtmlBody, StringComparison.Ordinal);
            Assert.Contains(Hostile, email.TextBody, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void ANameTypedWithALineBreak_StaysOnTheSubjectLine()
    {
        var email = NotificationTemplates.Acknowledgement(
            Facts with
            {
                ConsortiumName = "Fenland\r\nBcc: x@example.com",
            },
            StatusLink
        );

        Assert.Equal("Expression of interest received: Fenland Bcc: x@example.com (EOI-Q35-0001)", email.Subject);
    }

    [Fact]
    public void ToMessage_CarriesRecipientsCategoryAndIdempotencyKey()
    {
        var message = NotificationTemplates
            .Approved(Facts)
            .ToMessage([new EmailAddress(Facts.LeadGpEmail, Facts.LeadGpName)], "Approved", "eoi-q35-0001/0007-00");

        Assert.Equal(["Approved"], message.Categories);
        Assert.Equal("eoi-q35-0001/0007-00", message.IdempotencyKey);
        Assert.Equal("asha.patel@d81001.nhs.uk", Assert.Single(message.To).Email);
        Assert.StartsWith("Fenland Health Partnership approved", message.Subject, StringComparison.Ordinal);
    }

    private static RenderedEmail Render(string kind, ApplicationFacts f) =>
        kind switch
        {
            "Acknowledgement" => NotificationTemplates.Acknowledgement(f, StatusLink),
            "NewApplication" => NotificationTemplates.NewApplication(f, ReviewLink),
            "ReviewReminder" => NotificationTemplates.ReviewReminder(f, f.ReceivedAt.AddDays(14), ReviewLink),
            "Escalation" => NotificationTemplates.Escalation(f, ReviewLink),
            "Approved" => NotificationTemplates.Approved(f),
            "Rejected" => NotificationTemplates.Rejected(
                f,
                [new("Local Authority engagement", "No letter.")],
                "Sorry."
            ),
            "Withdrawn" => NotificationTemplates.Withdrawn(f, "Merged."),
            "Announced" => NotificationTemplates.Announced(f, 1, new DateOnly(2011, 4, 1)),
            "WaveDigest" => NotificationTemplates.WaveDigest(
                f.LeadGpName,
                1,
                f.ReceivedAt,
                [
                    new(
                        f.Reference,
                        f.ConsortiumName,
                        f.ShaName,
                        f.RegisteredPopulation,
                        ["Urgent care"],
                        new DateOnly(2011, 4, 1)
                    ),
                ]
            ),
            "Live" => NotificationTemplates.Live(f, new DateOnly(2011, 4, 1)),
            _ => throw new ArgumentOutOfRangeException(nameof(kind), kind, null),
        };

    private static int CountOf(string text, string part)
    {
        var count = 0;
        for (
            var i = text.IndexOf(part, StringComparison.Ordinal);
            i >= 0;
            i = text.IndexOf(part, i + 1, StringComparison.Ordinal)
        )
        {
            count++;
        }
        return count;
    }
}
