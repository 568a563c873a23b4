using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using Pathfinder.Functions.Intake.Inbound;
using Pathfinder.Functions.Pages;
using Pathfinder.Functions.Pages.Status;
using Pathfinder.Testing;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// Every page the browser tests visit for accessibility, reflow and screenshots, in one list: add a page here and axe
/// checks it, it is opened 320 px wide with no sideways scroll allowed, and (with <see cref="SitePage.Screenshot"/>)
/// the screenshot test photographs it at both widths.
/// </summary>
public static partial class SitePages
{
    public static readonly IReadOnlyList<SitePage> All =
    [
        // Staff (this branch).
        new("sign-in", null, (_, _) => Task.FromResult("/sign-in"), Screenshot: true),
        new("review", SignIn.Reviewer(), (_, _) => Task.FromResult("/review"), Screenshot: true),
        new("review-national", SignIn.National, (_, _) => Task.FromResult("/review?status=UnderReview")),
        new("application", SignIn.Reviewer(), (_, s) => Task.FromResult($"/review/{s.ToView}"), Screenshot: true),
        new("application-approved", SignIn.Reviewer(), (_, s) => Task.FromResult($"/review/{s.Approved}")),
        // National pages (branch "national").
        new("national-waves", SignIn.National, (_, _) => Task.FromResult("/national/waves"), Screenshot: true),
        new("national-inbound", SignIn.National, (_, _) => Task.FromResult("/national/inbound"), Screenshot: true),
        new("national-inbound-email", SignIn.National, async (f, _) =>
            "/national/inbound/"
            + await Seeded.QuarantinedEmailAsync(
                f.Host,
                "Axe Quarantine Consortium " + Guid.NewGuid().ToString("N")[..6]
            )
        ),
        new("national-notifications", SignIn.National, (_, _) => Task.FromResult("/national/notifications")),
        new("national-notification-resend", SignIn.National, async (f, _) =>
        {
            var (id, step) = await Seeded.BouncedAcknowledgementAsync(
                f,
                "Axe Bounced Consortium " + Guid.NewGuid().ToString("N")[..6]
            );
            return $"/national/notifications/{id}/{step}/resend";
        }),
        new("national-workflows", SignIn.National, async (f, _) =>
        {
            await Seeded.TerminatedWorkflowAsync(
                f.Host,
                "Axe Terminated Consortium " + Guid.NewGuid().ToString("N")[..6]
            );
            return "/national/workflows";
        }),
        new("national-reports", SignIn.National, (_, _) => Task.FromResult("/national/reports"), Screenshot: true),
        // Partners (branch "partners").
        new("national-partners", SignIn.National, (_, _) => Task.FromResult("/national/partners")),
        new("national-partner", SignIn.National, (_, _) => Task.FromResult("/national/partners/lmc-q34")),
        new("national-partner-new", SignIn.National, (_, _) => Task.FromResult("/national/partners/new")),
        // Public pages (branch "public").
        new("home", null, (_, _) => Task.FromResult("/"), Screenshot: true),
        new("pathfinders", null, (_, _) => Task.FromResult("/pathfinders"), Screenshot: true),
        new("status", null, async (f, s) => await StatusLinkAsync(f, s.ToView), Screenshot: true),
        // Refusals and dead ends, as pages.
        new(
            "forbidden",
            SignIn.Reviewer("Q30", "Dr Other Reviewer"),
            (_, s) => Task.FromResult($"/review/{s.ToView}"),
            Status: 403
        ),
        new("not-found", SignIn.Reviewer(), (_, _) => Task.FromResult("/review/PF-NO-SUCH-APPLICATION"), Status: 404),
        new(
            "status-not-ours",
            null,
            (_, s) => Task.FromResult($"/status/{s.ToView}?expires=4102444800&signature=not-ours"),
            Status: 403
        ),
        new("status-expired", null, (_, s) => Task.FromResult(ExpiredStatusLink(s.ToView)), Status: 410),
    ];

    public static SitePage Named(string name) => All.Single(p => p.Name == name);

    public static TheoryData<string> Names() => [.. All.Select(p => p.Name)];

    public static TheoryData<string> Screenshots() => [.. All.Where(p => p.Screenshot).Select(p => p.Name)];

    /// <summary>
    /// The status link in the applicant's acknowledgement email (read from the pickup folder), as a path and query on
    /// the app under test: the email names the public address, the tests' app listens on another port.
    /// </summary>
    public static async Task<string> StatusLinkAsync(BrowserFixture fixture, string reference)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
        while (true)
        {
            var acknowledgement = Seeded
                .Mail(fixture.PickupDirectory)
                .FirstOrDefault(m =>
                    m.Headers["X-Categories"] == "Acknowledgement"
                    && (m.Subject ?? "").Contains(reference, StringComparison.Ordinal)
                );
            if (acknowledgement is not null)
            {
                var body = (acknowledgement.TextBody ?? "") + (acknowledgement.HtmlBody ?? "");
                var link = StatusLink().Match(body);
                Assert.True(
                    link.Success,
                    $"The acknowledgement email for {reference} has no status link:\n{acknowledgement.TextBody}"
                );
                Assert.Contains($"/status/{reference}", link.Value, StringComparison.Ordinal);
                var uri = new Uri(System.Net.WebUtility.HtmlDecode(link.Value));
                return uri.PathAndQuery;
            }
            Assert.True(DateTimeOffset.UtcNow < deadline, $"No acknowledgement email for {reference} within 60 s");
            await Task.Delay(250);
        }
    }

    /// <summary>
    /// A status link the app did send (signed with the tests' key) but for an email that went out a year ago: the
    /// applicant meets the 410 page.
    /// </summary>
    public static string ExpiredStatusLink(string reference) =>
        new StatusLinks(
            Options.Create(new PageOptions { StatusLinkKey = TestTokens.StatusLinkKey }),
            Options.Create(new EmailIntakeOptions { PublicBaseUrl = TestTokens.PublicUrl }),
            new FakeTimeProvider(DateTimeOffset.UtcNow.AddDays(-366))
        )
            .For(reference)
            .PathAndQuery;

    [GeneratedRegex(@"https?://[^\s""'<>]+/status/[^\s""'<>]+")]
    private static partial Regex StatusLink();
}

/// <summary>
/// A page: its name (files and test cases), who is signed in to see it, how to find its path, and the status it is
/// answered with (error pages are pages too).
/// </summary>
public sealed record SitePage(
    string Name,
    SignIn? As,
    Func<BrowserFixture, Seeded, Task<string>> Path,
    bool Screenshot = false,
    int Status = 200
);
