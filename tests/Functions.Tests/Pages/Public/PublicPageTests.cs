using System.Net;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Pages.Public;

/// <summary>The home page and the pathfinder directory, for anyone: no sign-in asked, nothing private shown.</summary>
public sealed class PublicPageTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    [Fact]
    public async Task Home_ForAnonymous_Is200_WithTheFormsTheInboundAddressesAndStaffSignIn()
    {
        using var browser = app.Browser();

        using var response = await browser.GetAsync(new Uri("/", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains("href=\"/api/forms/expression-of-interest.docx\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/api/forms/expression-of-interest.txt\"", html, StringComparison.Ordinal);
        // The address as the link's target, and as shown once its break opportunities (<wbr>) are taken out.
        Assert.Contains(
            "href=\"mailto:pathfinders.q35@inbound.pathfinders.example.nhs.uk\"",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains(
            ">pathfinders.q35@inbound.pathfinders.example.nhs.uk</a>",
            System.Text.RegularExpressions.Regex.Replace(html, "<wbr ?/?>", ""),
            StringComparison.Ordinal
        );
        Assert.Contains("within four weeks", html, StringComparison.Ordinal);
        Assert.Contains("Local Authority engagement", html, StringComparison.Ordinal);
        Assert.Contains("<a href=\"/review\">Staff sign in</a>", html, StringComparison.Ordinal);
        Assert.Contains(
            "nonce-",
            response.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Home_StatesTheReviewPeriodTheAppApplies()
    {
        using var shorter = PathfinderApp.With(
            ("Programme:ReviewPeriod", "10.00:00:00"),
            ("Programme:ReminderOffsets:0", "5.00:00:00"),
            ("Programme:ReminderOffsets:1", "8.00:00:00")
        );
        using var browser = shorter.Browser();

        var html = await browser.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("decides within ten days of receiving it", html, StringComparison.Ordinal);
        Assert.DoesNotContain("four weeks", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_TheFormsItLinks_Download()
    {
        using var browser = app.Browser();

        using var word = await browser.GetAsync(new Uri("/api/forms/expression-of-interest.docx", UriKind.Relative));
        using var text = await browser.GetAsync(new Uri("/api/forms/expression-of-interest.txt", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, word.StatusCode);
        Assert.Equal(HttpStatusCode.OK, text.StatusCode);
    }

    [Fact]
    public async Task StaffSignIn_SendsAnonymousToSignIn()
    {
        using var browser = app.Browser();

        using var response = await browser.GetAsync(new Uri("/review", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/.auth/login/aad", response.Headers.Location?.OriginalString, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Home_SignedIn_ShowsWhoInTheHeader()
    {
        using var browser = app.SignedInBrowser("Nat", "National");

        var html = await browser.GetStringAsync(new Uri("/", UriKind.Relative));

        Assert.Contains("Nat (national team)", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Directory_ListsAnnouncedPathfinders_EncodingTheirNames_AndNotThoseUnderReview()
    {
        const string hostile = "<script>alert(1)</script> Wisbech Consortium";
        var announced = await app.Intake().SubmitAsync(Forms.Valid("Q35", hostile));
        var waiting = await app.Intake().SubmitAsync(Forms.Valid("Q36", "Still Under Review Consortium"));
        await app.Reviewer("Q35").ApproveAsync(announced);
        var now = DateTimeOffset.UtcNow;
        var wave = await app.National().ScheduleWaveAsync(now.AddDays(30), now.AddDays(20));
        using (var response = await app.National().AnnounceAsync(wave["number"]!.GetValue<int>()))
        {
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        }
        await app.Reviewer("Q35").WaitForStatusAsync(announced, "announced");
        using var browser = app.Browser();

        using var page = await browser.GetAsync(new Uri("/pathfinders", UriKind.Relative));
        var html = await page.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt; Wisbech Consortium", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<script>alert(1)", html, StringComparison.Ordinal);
        Assert.Contains("East of England", html, StringComparison.Ordinal);
        Assert.Contains("urgent care, long-term conditions", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Still Under Review Consortium", html, StringComparison.Ordinal);
        Assert.DoesNotContain(waiting, html, StringComparison.Ordinal);
        // The API's directory is the same list.
        Assert.Contains(
            announced,
            await browser.GetStringAsync(new Uri("/api/pathfinders", UriKind.Relative)),
            StringComparison.Ordinal
        );
    }
}
