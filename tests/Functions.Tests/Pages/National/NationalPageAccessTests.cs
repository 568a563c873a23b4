using System.Net;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Pages.National;

/// <summary>The national team's pages open for the national team only: anonymous people sign in, reviewers get
/// 403.</summary>
public sealed class NationalPageAccessTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    public static TheoryData<string, string> Pages =>
        new()
        {
            { "/national/waves", "Schedule the next wave" },
            { "/national/inbound", "Emailed forms held back" },
            { "/national/notifications", "Failed notifications" },
            { "/national/reports", "Coverage" },
        };

    public static TheoryData<string> Addresses =>
        [
            "/national/waves",
            "/national/waves/1/announce",
            "/national/inbound",
            "/national/inbound/20101101090000000-0000000000",
            "/national/notifications",
            "/national/reports",
        ];

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_ForNational_Is200WithItsContent(string path, string content)
    {
        using var response = await PageClients.ForNational(app).GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
        Assert.Contains(content, html, StringComparison.Ordinal);
        Assert.Contains("Nat (national team)", html, StringComparison.Ordinal);
        Assert.Contains("nhsuk-header__navigation-item--current", html, StringComparison.Ordinal);
        Assert.DoesNotContain("style=", html, StringComparison.OrdinalIgnoreCase);
        Assert.Contains(
            "style-src 'self'",
            response.Headers.GetValues("Content-Security-Policy").Single(),
            StringComparison.Ordinal
        );
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Page_Anonymous_RedirectsToSignInAndBack(string path)
    {
        using var response = await PageClients.Anonymous(app).GetAsync(new Uri(path, UriKind.Relative));

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal(
            $"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(path)}",
            response.Headers.Location?.OriginalString
        );
    }

    [Theory]
    [MemberData(nameof(Addresses))]
    public async Task Page_ForReviewer_Is403(string path)
    {
        using var response = await PageClients.ForReviewer(app, "Q35").GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Contains("Only the national team may open this page.", html, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/national/waves")]
    [InlineData("/national/waves/1/announce")]
    [InlineData("/national/inbound/20101101090000000-0000000000/release")]
    [InlineData("/national/inbound/20101101090000000-0000000000/discard")]
    public async Task Post_ForReviewer_Is403(string path)
    {
        using var response = await PageClients.ForReviewer(app, "Q35").PostFormWithoutOpeningAsync(path);

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Theory]
    [InlineData("/national/waves")]
    [InlineData("/national/waves/1/announce")]
    [InlineData("/national/inbound/20101101090000000-0000000000/release")]
    [InlineData("/national/inbound/20101101090000000-0000000000/discard")]
    public async Task Post_WithoutAntiforgeryToken_Is400(string path)
    {
        var national = PageClients.ForNational(app);
        await national.PageAsync("/national/waves"); // The browser has the cookie, but the form has no token.

        using var response = await national.PostFormWithoutOpeningAsync(path, ("announceAt-day", "1"));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("This form has expired", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Post_WithAnotherPersonsToken_Is400()
    {
        var token = PageClients.FormToken(
            await PageClients.ForNational(app, "Someone Else").PageAsync("/national/waves")
        );
        var national = PageClients.ForNational(app);
        await national.PageAsync("/national/waves");

        using var response = await national.PostFormWithoutOpeningAsync(
            "/national/waves",
            (Pathfinder.Functions.Pages.PageServices.AntiforgeryField, token)
        );

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }
}
