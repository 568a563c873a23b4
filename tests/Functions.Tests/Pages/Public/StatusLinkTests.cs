using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Pages;
using Pathfinder.Functions.Pages.Status;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.Public;

/// <summary>
/// The applicant's status link from the acknowledgement email, and the reviewers' links to the application's page:
/// a genuine link opens that one application's status and next step; a tampered, borrowed or expired one opens nothing.
/// </summary>
public sealed class StatusLinkTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    private static readonly string StatusPrefix = TestTokens.PublicUrl + "/status/";
    private static readonly string ReviewPrefix = TestTokens.PublicUrl + "/review/";

    [Fact]
    public async Task AcknowledgementLink_OpensTheStatusPage_WithTheStatusAndNextStep()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Littleport Consortium"));
        var link = await StatusLinkAsync(id);
        using var browser = app.Browser();

        using var response = await browser.FollowAsync(link);
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal($"/status/{id}", link.AbsolutePath);
        Assert.Contains("Littleport Consortium", html, StringComparison.Ordinal);
        Assert.Contains(id, html, StringComparison.Ordinal);
        Assert.Contains("Under review", html, StringComparison.Ordinal);
        Assert.Contains(
            "East of England Strategic Health Authority is considering your expression of interest. It will decide by",
            html,
            StringComparison.Ordinal
        );
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task StatusPage_AfterARejection_ShowsTheReasonsAndComments_ButNotReviewerNotesOrOtherConsortia()
    {
        var holder = await app.Intake()
            .SubmitAsync(Forms.Valid("Q35", "Soham Holder Consortium", 0, "D90001", "D90002"));
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Soham Second Consortium", 0, "D90001", "D90003"));
        var decision = Forms.Decision(
            "rejected",
            la: false,
            comments: "Please come back once the council has met you."
        );
        decision["criteria"]!["gpLeadership"]!["note"] = "reviewer-only note on GP leadership";
        using (var response = await app.Reviewer("Q35", "Dr Hidden Reviewer").DecideAsync(id, decision))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await app.Reviewer("Q35").WaitForStatusAsync(id, "rejected");
        using var browser = app.Browser();

        var html = await (await browser.FollowAsync(await StatusLinkAsync(id))).Content.ReadAsStringAsync();

        Assert.Contains("Rejected", html, StringComparison.Ordinal);
        Assert.Contains("Local Authority engagement", html, StringComparison.Ordinal);
        Assert.Contains("no contact with the council yet", html, StringComparison.Ordinal);
        Assert.Contains("Please come back once the council has met you.", html, StringComparison.Ordinal);
        Assert.Contains("You may send a new expression of interest", html, StringComparison.Ordinal);
        Assert.DoesNotContain("reviewer-only note", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Dr Hidden Reviewer", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Soham Holder Consortium", html, StringComparison.Ordinal);
        Assert.DoesNotContain(holder, html, StringComparison.Ordinal);
        Assert.DoesNotContain("D90001", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TamperedSignature_Is403_WithNoApplicationData()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Sutton Tampered Consortium"));
        var link = await StatusLinkAsync(id);
        var signature = System.Web.HttpUtility.ParseQueryString(link.Query)["signature"]!;
        var tampered = new Uri(
            link.AbsoluteUri.Replace(
                "signature=" + signature,
                "signature=" + (signature[0] == 'A' ? 'B' : 'A') + signature[1..],
                StringComparison.Ordinal
            )
        );
        using var browser = app.Browser();

        using var response = await browser.FollowAsync(tampered);

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, id, "Sutton Tampered Consortium");
    }

    [Fact]
    public async Task OneApplicationsLink_ForAnotherReference_Is403_WithNoData()
    {
        var a = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Haddenham A Consortium"));
        var b = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Haddenham B Consortium"));
        var linkOfA = await StatusLinkAsync(a);
        using var browser = app.Browser();

        using var response = await browser.GetAsync(new Uri($"/status/{b}{linkOfA.Query}", UriKind.Relative));

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, b, "Haddenham B Consortium");
        Assert.DoesNotContain(
            "Haddenham A Consortium",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task IncompleteLink_Is403()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Stretham Bare Consortium"));
        using var browser = app.Browser();

        using var response = await browser.GetAsync(new Uri($"/status/{id}", UriKind.Relative));

        await AssertRefusedAsync(response, HttpStatusCode.Forbidden, id, "Stretham Bare Consortium");
    }

    [Fact]
    public async Task ExpiredLink_Is410_WithNoApplicationData()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Witchford Expired Consortium"));
        // The same key and lifetime, signed as if the email went out a year and a day ago.
        var expired = new StatusLinks(
            app.Services.GetRequiredService<IOptions<PageOptions>>(),
            app.Services.GetRequiredService<IOptions<Pathfinder.Functions.Intake.Inbound.EmailIntakeOptions>>(),
            new FixedTime(DateTimeOffset.UtcNow.AddDays(-366))
        ).For(id);
        using var browser = app.Browser();

        using var response = await browser.FollowAsync(expired);

        var html = await AssertRefusedAsync(response, HttpStatusCode.Gone, id, "Witchford Expired Consortium");
        Assert.Contains("This link has expired", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReviewerEmails_LinkToTheApplicationsPage_WhichOpensForTheSha()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q37", "Ramsey Reviewed Consortium"));
        var mail = await app.MailAsync(id, "NewApplication", Mailbox.ShaReviewers("Q37"));

        var link = Assert.Single(mail.LinksTo(ReviewPrefix));
        Assert.Equal(new Uri($"{ReviewPrefix}{id}"), link);
        Assert.Empty(mail.LinksTo(StatusPrefix));
        using var anonymous = app.Browser();
        using (var redirected = await anonymous.FollowAsync(link))
        {
            Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        }
        using var reviewer = app.SignedInBrowser("Rev", "Reviewer", "Q37");
        using var page = await reviewer.FollowAsync(link);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("Ramsey Reviewed Consortium", await page.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task ApplicantEmails_CarryNoReviewLink()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Burwell Applicant Consortium"));

        var acknowledgement = await app.MailAsync(id, "Acknowledgement", Mailbox.Applicant);

        Assert.Empty(acknowledgement.LinksTo(ReviewPrefix));
    }

    private async Task<Uri> StatusLinkAsync(string id)
    {
        var acknowledgement = await app.MailAsync(id, "Acknowledgement", Mailbox.Applicant);
        return Assert.Single(acknowledgement.LinksTo(StatusPrefix));
    }

    /// <summary>The refusal page: its status, a page that says what to do, and nothing of the application.</summary>
    private static async Task<string> AssertRefusedAsync(
        HttpResponseMessage response,
        HttpStatusCode status,
        string id,
        string consortium
    )
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        // It says what to do: open the emailed link again, or (expired) ask the SHA.
        Assert.True(
            html.Contains("acknowledgement email", StringComparison.Ordinal)
                || html.Contains("Email your SHA", StringComparison.Ordinal),
            html
        );
        Assert.DoesNotContain(consortium, html, StringComparison.Ordinal);
        Assert.DoesNotContain(id, html, StringComparison.Ordinal);
        Assert.DoesNotContain("Under review", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Jane Lead", html, StringComparison.Ordinal);
        return html;
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
