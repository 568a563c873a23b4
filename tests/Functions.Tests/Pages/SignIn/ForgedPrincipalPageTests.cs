using System.Net;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Pages;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.LocalHost;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.SignIn;

/// <summary>
/// A forged sign-in header never signs anyone in: with App Service Authentication off, a principal header claiming the
/// national team, or a reviewer of any SHA, gets the sign-in redirect on every staff page; with it on, the same header
/// is the platform's word and works as it always has.
/// </summary>
public sealed class ForgedPrincipalPageTests(ForgedPrincipalFixture deployment) : IClassFixture<ForgedPrincipalFixture>
{
    private static readonly string[] Shas = ["Q30", "Q31", "Q32", "Q33", "Q34", "Q35", "Q36", "Q37", "Q38", "Q39"];

    /// <summary>The forged callers: the national team, and a reviewer of each SHA.</summary>
    public static IEnumerable<(string Who, string Principal)> Forgeries =>
        [
            ("National", TestTokens.EasyAuthPrincipal("Mallory", Security.NationalRole)),
            .. Shas.Select(sha =>
                ($"Reviewer of {sha}", TestTokens.EasyAuthPrincipal("Mallory", Security.ReviewerRole, sha))
            ),
        ];

    [Fact]
    public void TheStaffPagesTried_AreEveryStaffPageTheAppServes()
    {
        string[] open = ["HomePage", "PathfindersPage", "ApplicantStatusPage", "PageAsset", "SignInPage"];
        var pages = FunctionCatalog
            .Of(typeof(ApplicationFunctions).Assembly)
            .Http.Where(f =>
                f.Methods.Contains("get", StringComparer.OrdinalIgnoreCase)
                && !f.Route.StartsWith("api/", StringComparison.Ordinal)
            )
            .Select(f => f.Name)
            .Except(open);

        Assert.Equal(pages.Order(StringComparer.Ordinal), deployment.StaffPages.Keys.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WithThePlatformsAuthenticationOff_AForgedHeader_IsSentToSignIn_OnEveryStaffPage()
    {
        var wrong = new List<string>();
        foreach (var (who, principal) in Forgeries)
        {
            using var mallory = ForgedPrincipalFixture.Browser(principal, new CookieContainer());
            foreach (var path in deployment.StaffPages.Values)
            {
                using var response = await mallory.GetAsync(new Uri(deployment.Off.BaseAddress, path));
                var expected = $"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(path)}";
                if (
                    response.StatusCode != HttpStatusCode.Redirect
                    || response.Headers.Location?.OriginalString != expected
                )
                {
                    wrong.Add($"{who} GET {path}: {(int)response.StatusCode} {response.Headers.Location}");
                }
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    [Fact]
    public async Task WithThePlatformsAuthenticationOn_TheSameHeader_OpensThePages_AsToday()
    {
        using var national = ForgedPrincipalFixture.Browser(Forgeries.First().Principal, new CookieContainer());
        using var reviewer = ForgedPrincipalFixture.Browser(
            TestTokens.EasyAuthPrincipal("Mallory", Security.ReviewerRole, ForgedPrincipalFixture.Sha),
            new CookieContainer()
        );

        foreach (var path in deployment.StaffPages.Values)
        {
            using var page = await national.GetAsync(new Uri(deployment.On.BaseAddress, path));
            Assert.True(
                page.StatusCode == HttpStatusCode.OK,
                $"GET {path} as the national team: {(int)page.StatusCode}"
            );
            if (path.EndsWith("/csv", StringComparison.Ordinal))
            {
                // A download, not a page: it has no header naming who is signed in.
                Assert.Equal("text/csv", page.Content.Headers.ContentType?.MediaType);
            }
            else
            {
                Assert.Contains(
                    "Mallory (national team)",
                    await page.Content.ReadAsStringAsync(),
                    StringComparison.Ordinal
                );
            }
            using var asReviewer = await reviewer.GetAsync(new Uri(deployment.On.BaseAddress, path));
            Assert.Equal(
                path.StartsWith("/review", StringComparison.Ordinal) ? HttpStatusCode.OK : HttpStatusCode.Forbidden,
                asReviewer.StatusCode
            );
        }
    }

    [Fact]
    public async Task WithThePlatformsAuthenticationOn_APrincipalFromAnotherProviderOrNone_IsNobody()
    {
        foreach (var provider in new[] { null, "github", "google", "" })
        {
            using var browser = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false });
            browser.DefaultRequestHeaders.Add(PagePrincipal.EasyAuthHeader, Forgeries.First().Principal);
            if (provider is not null)
            {
                browser.DefaultRequestHeaders.Add(AppServiceAuthenticationOptions.IdentityProviderHeader, provider);
            }

            using var response = await browser.GetAsync(new Uri(deployment.On.BaseAddress, "/national/waves"));

            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal(
                "/.auth/login/aad?post_login_redirect_uri=%2Fnational%2Fwaves",
                response.Headers.Location?.OriginalString
            );
        }
    }

    [Fact]
    public async Task WithThePlatformsAuthenticationOff_TheAppSaysSoAtStart_NamingTheSettingAndTheFix_AndOnEachForgery()
    {
        using (var mallory = ForgedPrincipalFixture.Browser(Forgeries.First().Principal, new CookieContainer()))
        {
            (await mallory.GetAsync(new Uri(deployment.Off.BaseAddress, "/review"))).Dispose();
        }

        var error = Assert.Single(deployment.OffLogs.Lines, l =>
            l.StartsWith("Error Pathfinder.Functions.Pages.AppServiceAuthenticationCheck", StringComparison.Ordinal)
        );
        Assert.Contains("WEBSITE_AUTH_ENABLED is False, not True", error, StringComparison.Ordinal);
        Assert.Contains("Turn App Service Authentication on with Entra ID", error, StringComparison.Ordinal);
        Assert.Contains(deployment.OffLogs.Lines, l =>
            l.StartsWith("Warning Pathfinder.Functions.Pages.PagePrincipal", StringComparison.Ordinal)
            && l.Contains("App Service Authentication is off", StringComparison.Ordinal)
        );
        Assert.DoesNotContain(deployment.OnLogs.Lines, l =>
            l.Contains("AppServiceAuthenticationCheck", StringComparison.Ordinal)
        );
    }

    [Theory]
    [InlineData("Production")]
    [InlineData("Staging")]
    public void TheLocalHostsStandIn_IsRefusedOutsideDevelopmentAndTesting(string environment)
    {
        using var app = new PathfinderApp { Environment = environment };

        var refused = Assert.ThrowsAny<OptionsValidationException>(() => app.App);

        Assert.Contains(
            "LocalHost:Platform:AuthenticationEnabled stands in for App Service in tests",
            refused.Message,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void TheBicep_TurnsTheAuthenticationOn_WithEntraId_AndLetsPublicPagesThrough_AndNeverSetsThePlatformsWord()
    {
        var bicep = string.Join(
            '\n',
            Directory
                .GetFiles(Path.Combine(RepositoryRoot.Find(), "infra"), "*.bicep", SearchOption.AllDirectories)
                .Select(File.ReadAllText)
        );
        var auth = bicep[bicep.IndexOf("name: 'authsettingsV2'", StringComparison.Ordinal)..];

        Assert.Contains("platform: { enabled: true }", auth, StringComparison.Ordinal);
        Assert.Contains("unauthenticatedClientAction: 'AllowAnonymous'", auth, StringComparison.Ordinal);
        Assert.Contains("redirectToProvider: 'azureactivedirectory'", auth, StringComparison.Ordinal);
        Assert.Contains(
            "azureActiveDirectory: {\n        enabled: true",
            auth.ReplaceLineEndings("\n"),
            StringComparison.Ordinal
        );
        Assert.DoesNotContain(
            $"name: '{AppServiceAuthenticationOptions.EnabledSetting}'",
            bicep,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("name: 'LocalHost__", bicep, StringComparison.Ordinal);
    }
}
