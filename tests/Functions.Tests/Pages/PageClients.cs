using System.Net;
using System.Text.RegularExpressions;
using Pathfinder.Functions.Pages;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages;

/// <summary>
/// Browsers for the pages: signed in as App Service Authentication does in Azure (the <c>X-MS-CLIENT-PRINCIPAL</c>
/// and <c>X-MS-CLIENT-PRINCIPAL-IDP</c> headers; the tests' settings say <c>Pages:SignIn=EasyAuth</c> and that the
/// platform's authentication is on), or anonymous. None follows redirects, so tests see
/// them; each keeps its cookies (the antiforgery cookie among them).
/// </summary>
public static partial class PageClients
{
    /// <summary>A browser signed in as the national team.</summary>
    public static HttpClient ForNational(PathfinderApp app, string name = "Nat") =>
        SignedIn(app, name, Pathfinder.Functions.Hosting.Security.NationalRole, null);

    /// <summary>A browser signed in as a reviewer of one SHA.</summary>
    public static HttpClient ForReviewer(PathfinderApp app, string sha, string name = "Dr Ann Reviewer") =>
        SignedIn(app, name, Pathfinder.Functions.Hosting.Security.ReviewerRole, sha);

    /// <summary>A browser nobody has signed in to.</summary>
    public static HttpClient Anonymous(PathfinderApp app)
    {
        ArgumentNullException.ThrowIfNull(app);
        return new HttpClient(
            new HttpClientHandler
            {
                AllowAutoRedirect = false,
                UseCookies = true,
                CookieContainer = new CookieContainer(),
            }
        )
        {
            BaseAddress = app.BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
    }

    /// <summary>GETs a page, expecting 200, and returns its HTML.</summary>
    public static async Task<string> PageAsync(this HttpClient browser, string path)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(
            response.StatusCode == HttpStatusCode.OK,
            $"GET {path} answered {(int)response.StatusCode}: {html}"
        );
        return html;
    }

    /// <summary>The antiforgery token in a page's forms (its hidden input).</summary>
    public static string FormToken(string html)
    {
        var match = TokenInput().Match(html);
        Assert.True(match.Success, "The page has no antiforgery token.");
        return WebUtility.HtmlDecode(match.Groups["token"].Value);
    }

    /// <summary>
    /// Opens <paramref name="page"/> as a browser would (which sets the antiforgery cookie), then posts the form to
    /// <paramref name="action"/> with the page's token and these fields. The caller disposes the answer.
    /// </summary>
    public static async Task<HttpResponseMessage> PostFormAsync(
        this HttpClient browser,
        string page,
        string action,
        params (string Name, string Value)[] fields
    )
    {
        var token = FormToken(await browser.PageAsync(page));
        return await browser.PostFormWithoutOpeningAsync(action, [(PageServices.AntiforgeryField, token), .. fields]);
    }

    /// <summary>Posts these fields as a form, exactly as given (no token added).</summary>
    public static async Task<HttpResponseMessage> PostFormWithoutOpeningAsync(
        this HttpClient browser,
        string action,
        params (string Name, string Value)[] fields
    )
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var content = new FormUrlEncodedContent(
            fields.Select(f => new KeyValuePair<string, string>(f.Name, f.Value))
        );
        return await browser.PostAsync(new Uri(action, UriKind.Relative), content);
    }

    /// <summary>A browser signed in through the platform with this role (and SHA), as Azure would pass it.</summary>
    public static HttpClient SignedIn(PathfinderApp app, string name, string? role, string? sha)
    {
        var client = Anonymous(app);
        TestTokens.AddEasyAuthHeaders(client.DefaultRequestHeaders, TestTokens.EasyAuthPrincipal(name, role, sha));
        return client;
    }

    /// <summary>GETs a page, whatever it answers: its status and HTML.</summary>
    public static async Task<(HttpStatusCode Status, string Html)> GetPageAsync(this HttpClient browser, string path)
    {
        ArgumentNullException.ThrowIfNull(browser);
        using var response = await browser.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    [GeneratedRegex("name=\"" + PageServices.AntiforgeryField + "\"\\s+value=\"(?<token>[^\"]*)\"")]
    private static partial Regex TokenInput();
}
