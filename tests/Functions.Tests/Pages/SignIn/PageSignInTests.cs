using System.Net;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Pages;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.SignIn;

/// <summary>
/// How people sign in to the pages: the platform's principal in Azure, a local page only in Development, and the
/// cookies that carry a sign-in and a form's token (HttpOnly, SameSite=Strict, Secure over HTTPS).
/// </summary>
public sealed partial class PageSignInTests
{
    [Fact]
    public void TheDevelopmentSignIn_OutsideDevelopment_StopsTheApp_NamingTheSetting()
    {
        using var app = PathfinderApp.With(("Pages:SignIn", "Development"));

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => app.App);

        Assert.Contains(
            "Pages:SignIn is Development, which is allowed only in the Development environment",
            refused.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task InAzure_APrincipalTheAppCannotRead_IsNobody_AndIsSentToSignIn()
    {
        using var app = new PathfinderApp();
        foreach (var header in new[] { "not base64 at all", Convert.ToBase64String("{\"claims\":7}"u8.ToArray()) })
        {
            using var client = NoRedirects(app.BaseAddress);
            TestTokens.AddEasyAuthHeaders(client.DefaultRequestHeaders, header);

            using var response = await client.GetAsync(new Uri("/review", UriKind.Relative));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(
                "/.auth/login/aad?post_login_redirect_uri=%2Freview",
                response.Headers.Location!.OriginalString
            );
        }
    }

    [Fact]
    public async Task InDevelopment_SigningIn_SetsStrictHttpOnlyCookies_SecureOverHttps_AndTrustsNoPrincipalHeader()
    {
        using var app = Development();
        // Cookies handled by hand: a client keeps Secure cookies for https addresses only, and this app is plain HTTP.
        using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, UseCookies = false })
        {
            BaseAddress = app.BaseAddress,
        };
        // As Azure's front end says a request came over HTTPS.
        browser.DefaultRequestHeaders.Add("X-Forwarded-Proto", "https");

        using var forged = new HttpRequestMessage(HttpMethod.Get, "/review");
        TestTokens.AddEasyAuthHeaders(forged.Headers, TestTokens.EasyAuthPrincipal("Mallory", "National"));
        using (var refused = await browser.SendAsync(forged))
        {
            Assert.Equal(HttpStatusCode.Redirect, refused.StatusCode);
            Assert.Equal("/sign-in?returnUrl=%2Freview", refused.Headers.Location!.OriginalString);
        }

        using var page = await browser.GetAsync(new Uri("/sign-in?returnUrl=%2Freview", UriKind.Relative));
        var formCookie = StrictCookie(page, "pathfinder-csrf");
        var token = Token().Match(await page.Content.ReadAsStringAsync()).Groups[1].Value;
        using var signIn = new HttpRequestMessage(HttpMethod.Post, "/sign-in")
        {
            Content = new FormUrlEncodedContent([
                KeyValuePair.Create(PageServices.AntiforgeryField, WebUtility.HtmlDecode(token)),
                KeyValuePair.Create("role", "Q35"),
                KeyValuePair.Create("name", "Dr Dev"),
                KeyValuePair.Create("returnUrl", "https://elsewhere.example/steal"),
            ]),
        };
        signIn.Headers.Add("Cookie", formCookie);
        using var signedIn = await browser.SendAsync(signIn);

        Assert.Equal(HttpStatusCode.Redirect, signedIn.StatusCode);
        // Only ever back to a page of this site.
        Assert.Equal("/", signedIn.Headers.Location!.OriginalString);
        using var list = new HttpRequestMessage(HttpMethod.Get, "/review");
        list.Headers.Add("Cookie", StrictCookie(signedIn, PagePrincipal.DevelopmentCookie));
        using var review = await browser.SendAsync(list);
        Assert.Equal(HttpStatusCode.OK, review.StatusCode);
        Assert.Contains("Dr Dev (Q35 reviewer)", await review.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task InDevelopment_ChoosingNobody_ShowsTheErrorSummary()
    {
        using var app = Development();
        using var browser = PageClients.Anonymous(app);

        using var response = await browser.PostFormAsync("/sign-in", "/sign-in", ("name", "Dr Dev"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(
            "<a href=\"#role\">Choose who to sign in as",
            await response.Content.ReadAsStringAsync(),
            StringComparison.Ordinal
        );
    }

    private static PathfinderApp Development()
    {
        var app = PathfinderApp.With(("Pages:SignIn", "Development"));
        app.Environment = "Development";
        return app;
    }

    /// <summary>Checks the cookie is Secure, HttpOnly and SameSite=Strict, and gives it as a Cookie header's
    /// value.</summary>
    private static string StrictCookie(HttpResponseMessage response, string name)
    {
        var cookie = response
            .Headers.GetValues("Set-Cookie")
            .Single(c => c.StartsWith(name + "=", StringComparison.Ordinal));
        var flags = cookie.ToLowerInvariant();
        Assert.Contains("; secure", flags, StringComparison.Ordinal);
        Assert.Contains("; httponly", flags, StringComparison.Ordinal);
        Assert.Contains("; samesite=strict", flags, StringComparison.Ordinal);
        return cookie.Split(';')[0];
    }

    private static HttpClient NoRedirects(Uri app) =>
        new(new HttpClientHandler { AllowAutoRedirect = false }) { BaseAddress = app };

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
