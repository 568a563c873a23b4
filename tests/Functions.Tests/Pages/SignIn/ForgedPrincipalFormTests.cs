using System.Net;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.LocalHost;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.SignIn;

/// <summary>
/// Every page form, posted with a forged principal header while App Service Authentication is off, changes nothing in
/// storage: not the application records, the outbox, the waves or emails, nor any orchestration instance. Each post is
/// one that would be accepted: a valid antiforgery token (taken from the host where the platform vouches for the same
/// header) and good fields; the same posts to that host are then accepted, so nothing but the platform's word
/// stopped them.
/// </summary>
public sealed class ForgedPrincipalFormTests(ForgedPrincipalFixture deployment) : IClassFixture<ForgedPrincipalFixture>
{
    private static readonly string[] ReviewerForms = ["DecideOnPage", "WithdrawOnPage", "AgreeGoLiveOnPage"];

    // The go-live date is agreed before the wave that announces the approved application, as a reviewer would.
    private static readonly string[] NationalForms =
    [
        "ScheduleWaveOnPage",
        "AnnounceWaveOnPage",
        "ReleaseInboundEmailOnPage",
        "DiscardInboundEmailOnPage",
        "AddPartnerOnPage",
        "ChangePartnerOnPage",
        "RemovePartnerOnPage",
        "TestPartnerOnPage",
        "ResendNotificationOnPage",
        // Terminated first, so the restart finds a workflow out of step to restart.
        "TerminateWorkflowOnPage",
        "RestartWorkflowOnPage",
    ];

    [Fact]
    public void TheFormsTried_AreEveryFormThePagesPost()
    {
        var forms = FunctionCatalog
            .Of(typeof(ApplicationFunctions).Assembly)
            .Http.Where(f =>
                f.Methods.Contains("post", StringComparer.OrdinalIgnoreCase)
                && !f.Route.StartsWith("api/", StringComparison.Ordinal)
            )
            // Signing in is the development page's (404 here); signing out only sends the browser to the platform.
            .Select(f => f.Name)
            .Except(["SignInAs", "SignOut"]);

        Assert.Equal(
            forms.Order(StringComparer.Ordinal),
            ReviewerForms.Concat(NationalForms).Order(StringComparer.Ordinal)
        );
        Assert.Equal(deployment.FormActions.Keys.Order(StringComparer.Ordinal), forms.Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task WithThePlatformsAuthenticationOff_AForgedHeader_ChangesNothing_OnEveryForm_WhichWithItOnActs()
    {
        var cookies = new CookieContainer();
        using var national = ForgedPrincipalFixture.Browser(
            TestTokens.EasyAuthPrincipal("Mallory", Security.NationalRole),
            cookies
        );
        using var reviewer = ForgedPrincipalFixture.Browser(
            TestTokens.EasyAuthPrincipal("Mallory", Security.ReviewerRole, ForgedPrincipalFixture.Sha),
            cookies
        );
        // The tokens a signed-in person's browser holds, from the host where the platform vouches for the header.
        var nationalToken = await TokenAsync(national, "/national/waves");
        var reviewerToken = await TokenAsync(reviewer, $"/review/{deployment.UnderReview}");
        var before = await deployment.StorageAsync();

        foreach (
            var (who, browser, token) in new[]
            {
                ("national", national, nationalToken),
                ("reviewer", reviewer, reviewerToken),
            }
        )
        {
            foreach (var (form, action) in deployment.FormActions)
            {
                using var refused = await PostAsync(
                    browser,
                    deployment.Off,
                    action,
                    token,
                    ForgedPrincipalFixture.Fields(form)
                );

                Assert.True(
                    refused.StatusCode == HttpStatusCode.Redirect,
                    $"{form} as {who}: {(int)refused.StatusCode}"
                );
                Assert.Equal(
                    $"/.auth/login/aad?post_login_redirect_uri={Uri.EscapeDataString(action)}",
                    refused.Headers.Location?.OriginalString
                );
                var after = await deployment.StorageAsync();
                Assert.True(
                    before.SequenceEqual(after),
                    $"{form} as {who} changed storage: "
                        + string.Join(", ", after.Except(before))
                        + " (was "
                        + string.Join(", ", before.Except(after))
                        + ")"
                );
            }
        }

        // The same posts where the platform vouches for the header: each is accepted and says so.
        foreach (
            var (forms, browser, token) in new[]
            {
                (ReviewerForms, reviewer, reviewerToken),
                (NationalForms, national, nationalToken),
            }
        )
        {
            foreach (var form in forms)
            {
                using var accepted = await PostAsync(
                    browser,
                    deployment.On,
                    deployment.FormActions[form],
                    token,
                    ForgedPrincipalFixture.Fields(form)
                );

                Assert.True(
                    accepted.StatusCode == HttpStatusCode.Redirect,
                    $"{form} with the platform's authentication on: "
                        + $"{(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}"
                );
                Assert.Contains("done=", accepted.Headers.Location?.OriginalString, StringComparison.Ordinal);
            }
        }
        Assert.NotEqual(before, await deployment.StorageAsync());
    }

    private async Task<string> TokenAsync(HttpClient browser, string page)
    {
        using var response = await browser.GetAsync(new Uri(deployment.On.BaseAddress, page));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return PageClients.FormToken(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpResponseMessage> PostAsync(
        HttpClient browser,
        Infrastructure.PathfinderApp app,
        string action,
        string token,
        (string Name, string Value)[] fields
    )
    {
        using var content = new FormUrlEncodedContent([
            KeyValuePair.Create(Functions.Pages.PageServices.AntiforgeryField, token),
            .. fields.Select(f => KeyValuePair.Create(f.Name, f.Value)),
        ]);
        return await browser.PostAsync(new Uri(app.BaseAddress, action), content);
    }
}
