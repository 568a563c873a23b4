using System.Net;
using System.Text.RegularExpressions;
using Pathfinder.Functions.Pages;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages;

/// <summary>
/// What a browser does with the pages, over plain HTTP: keeps cookies, does not follow redirects (tests look at
/// them), and sends forms with the antiforgery token of the page they came from. Signed in as App Service
/// Authentication does it in Azure, by the principal header, or not at all.
/// </summary>
public sealed partial class PageBrowser : IDisposable
{
    private readonly HttpClient _client;

    private PageBrowser(Uri app, string? principal)
    {
        _client = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false, CookieContainer = new CookieContainer() })
        {
            BaseAddress = app,
        };
        if (principal is not null)
        {
            _client.DefaultRequestHeaders.Add(PagePrincipal.EasyAuthHeader, principal);
        }
    }

    public static PageBrowser Anonymous(Uri app) => new(app, null);

    public static PageBrowser Reviewer(Uri app, string sha, string name = "Dr Ann Reviewer") =>
        new(app, TestTokens.EasyAuthPrincipal(name, Pathfinder.Functions.Hosting.Security.ReviewerRole, sha));

    public static PageBrowser National(Uri app, string name = "National Team") =>
        new(app, TestTokens.EasyAuthPrincipal(name, Pathfinder.Functions.Hosting.Security.NationalRole));

    /// <summary>The page's status and HTML.</summary>
    public async Task<(HttpStatusCode Status, string Html)> GetAsync(string path)
    {
        using var response = await _client.GetAsync(new Uri(path, UriKind.Relative));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>Opens <paramref name="page"/>, then sends the form at <paramref name="action"/> with its token.</summary>
    public async Task<HttpResponseMessage> SubmitAsync(string page, string action, params (string Name, string Value)[] fields)
    {
        var (_, html) = await GetAsync(page);
        var token = Token().Match(html);
        Assert.True(token.Success, $"{page} has no form token");
        return await PostAsync(action, [(PageServices.AntiforgeryField, WebUtility.HtmlDecode(token.Groups[1].Value)), .. fields]);
    }

    /// <summary>Sends a form as it is, with whatever token it holds (or none).</summary>
    public Task<HttpResponseMessage> PostAsync(string action, params (string Name, string Value)[] fields) =>
        _client.PostAsync(new Uri(action, UriKind.Relative),
            new FormUrlEncodedContent(fields.Select(f => KeyValuePair.Create(f.Name, f.Value))));

    public void Dispose() => _client.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" value=\"([^\"]+)\"")]
    private static partial Regex Token();
}
