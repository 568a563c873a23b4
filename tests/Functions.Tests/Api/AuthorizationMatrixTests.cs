using System.Net;
using Pathfinder.Domain;
using Pathfinder.LocalHost;
using static Pathfinder.Functions.Tests.Api.Identity;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>
/// Every route of the catalog, called as every identity, answers with the status this table gives; a route without
/// a rule fails the test by name. Commands are sent with bodies the allowed caller gets a fixed refusal for (400 or
/// 409, each explained below), so no call changes what the next one sees and the order of calls does not matter.
/// </summary>
public sealed class AuthorizationMatrixTests(RouteSecurityFixture fixture) : IClassFixture<RouteSecurityFixture>
{
    private static readonly Identity[] NoValidCredential =
    [
        NoCredential,
        IntakeKey,
        WrongIntakeKey,
        ExpiredToken,
        WrongAudience,
        WrongIssuer,
        BadSignature,
    ];

    private static readonly Identity[] SignedInWithoutProgrammeAccess =
    [
        SignedInWithoutRole,
        ReviewerWithoutSha,
        ReviewerOfUnknownSha,
    ];

    private static readonly Identity[] People = [ReviewerOfTheSha, ReviewerOfAnotherSha, National];

    private static Dictionary<string, string> None(Resources _) => new Dictionary<string, string>();

    private static Dictionary<string, string> Id(string id) => new Dictionary<string, string> { ["id"] = id };

    private static Dictionary<string, string> Number(int number) =>
        new Dictionary<string, string>
        {
            ["number"] = number.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };

    private static HttpContent? NoBody() => null;

    /// <summary>Open to anyone: a credential, good or bad, changes nothing.</summary>
    private static Dictionary<Identity, int> Public() => Enum.GetValues<Identity>().ToDictionary(i => i, _ => 200);

    /// <summary>The intake key and nothing else (bearer tokens are not function keys).</summary>
    private static Dictionary<Identity, int> Intake(int allowed) =>
        Enum.GetValues<Identity>().ToDictionary(i => i, i => i == IntakeKey ? allowed : 401);

    /// <summary>Reviewers and the national team: 401 without a valid token, 403 without a role or a known
    /// SHA.</summary>
    private static Dictionary<Identity, int> Staff(int reviewer, int otherReviewer, int national) =>
        Enum.GetValues<Identity>()
            .ToDictionary(
                i => i,
                i =>
                    i switch
                    {
                        ReviewerOfTheSha => reviewer,
                        ReviewerOfAnotherSha => otherReviewer,
                        National => national,
                        _ when NoValidCredential.Contains(i) => 401,
                        _ => 403,
                    }
            );

    /// <summary>The national team only.</summary>
    private static Dictionary<Identity, int> NationalTeam(int national) => Staff(403, 403, national);

    /// <summary>
    /// A page for reviewers and the national team: nobody signed in (or a credential the platform refuses) is sent to
    /// sign in (302); a signed-in person without the role or a known SHA gets the 403 page.
    /// </summary>
    private static Dictionary<Identity, int> StaffPage(int reviewer, int otherReviewer, int national) =>
        Enum.GetValues<Identity>()
            .ToDictionary(
                i => i,
                i =>
                    i switch
                    {
                        ReviewerOfTheSha => reviewer,
                        ReviewerOfAnotherSha => otherReviewer,
                        National => national,
                        _ when SignedInWithoutProgrammeAccess.Contains(i) => 403,
                        _ => 302,
                    }
            );

    /// <summary>A page for the national team only.</summary>
    private static Dictionary<Identity, int> NationalPage(int national) => StaffPage(403, 403, national);

    /// <summary>The same answer whoever asks.</summary>
    private static Dictionary<Identity, int> Everyone(int status) =>
        Enum.GetValues<Identity>().ToDictionary(i => i, _ => status);

    private static Dictionary<string, string> Asset(string path) => new Dictionary<string, string> { ["*path"] = path };

    private static readonly string TooLongReason = new('x', ReviewRules.CommentsLength + 1);

    /// <summary>The table: every HTTP function by name.</summary>
    public static IReadOnlyDictionary<string, RouteRule> Rules { get; } =
        new Dictionary<string, RouteRule>
        {
            // An empty form is a 400 listing every missing field: the key was accepted, nothing is created.
            ["SubmitApplication"] = new(None, () => RouteSecurityFixture.Json(new { }), Intake(400)),
            // Filtered to the application's SHA, so a reviewer of another SHA is refused rather than shown their own.
            ["ListApplications"] = new(None, NoBody, Staff(200, 403, 200), Query: "?sha=" + RouteSecurityFixture.Sha),
            ["GetApplication"] = new(
                r => Id(r.Application),
                NoBody,
                Staff(200, 403, 200),
                UnknownValues: () => Id("PF-UNKNOWN"),
                Unknown: People
            ),
            // Rejecting with all three criteria demonstrated is a 400: only the SHA's reviewer gets that far. The
            // national
            // team sees every application but decides none (403).
            ["DecideApplication"] = new(
                r => Id(r.Application),
                () =>
                    RouteSecurityFixture.Json(
                        Infrastructure.Forms.Decision("rejected", comments: "No reason to refuse.")
                    ),
                Staff(400, 403, 403),
                UnknownValues: () => Id("PF-UNKNOWN"),
                Unknown: People
            ),
            // A reason over the limit is a 400, so the application is never withdrawn.
            ["WithdrawApplication"] = new(
                r => Id(r.Application),
                () => RouteSecurityFixture.Json(new { reason = TooLongReason }),
                Staff(400, 403, 403),
                UnknownValues: () => Id("PF-UNKNOWN"),
                Unknown: People
            ),
            // Go-live is agreed only once approved: the application under review gets 409.
            ["SetGoLive"] = new(
                r => Id(r.Application),
                () => RouteSecurityFixture.Json(new { date = "2011-04-01" }),
                Staff(409, 403, 403),
                UnknownValues: () => Id("PF-UNKNOWN"),
                Unknown: People
            ),
            ["ListWaves"] = new(None, NoBody, NationalTeam(200)),
            ["GetWave"] = new(
                r => Number(r.AnnouncedWave),
                NoBody,
                NationalTeam(200),
                UnknownValues: () => Number(999),
                Unknown: [National]
            ),
            // A wave without its times is a 400: none is scheduled.
            ["ScheduleWave"] = new(None, () => RouteSecurityFixture.Json(new { }), NationalTeam(400)),
            // The wave is announced already: 409.
            ["AnnounceWave"] = new(
                r => Number(r.AnnouncedWave),
                NoBody,
                NationalTeam(409),
                UnknownValues: () => Number(999),
                Unknown: [National]
            ),
            ["CoverageReport"] = new(None, NoBody, Staff(200, 200, 200)),
            ["SupportNeedsReport"] = new(None, NoBody, Staff(200, 200, 200)),
            // The national team's view of the programme: its alone.
            ["PipelineReport"] = new(None, NoBody, NationalTeam(200)),
            ["RejectionReport"] = new(None, NoBody, NationalTeam(200)),
            ["CoverageByWaveReport"] = new(None, NoBody, NationalTeam(200)),
            ["Pathfinders"] = new(None, NoBody, Public()),
            ["Health"] = new(None, NoBody, Public()),
            ["Notifications"] = new(None, NoBody, NationalTeam(200)),
            // JSON is not an Inbound Parse post: 415 once the key is accepted, and nothing is stored.
            ["ReceiveInboundEmail"] = new(None, () => RouteSecurityFixture.Json(new { }), Intake(415)),
            // Believed only when SendGrid's signature verifies: tokens and keys count for nothing, unsigned is 401.
            ["ReceiveDeliveryEvents"] = new(None, () => RouteSecurityFixture.Json(new { }), Everyone(401)),
            // Nothing is queued under that key: 404 for the national team, who alone may send a notification again.
            ["ResendNotification"] = new(
                _ => new Dictionary<string, string> { ["instanceId"] = "PF-UNKNOWN", ["step"] = "1" },
                NoBody,
                NationalTeam(404)
            ),
            ["WorkflowsOutOfStep"] = new(None, NoBody, NationalTeam(200)),
            // No such application: 404 for the national team, who alone may mend a workflow; nothing starts or stops.
            ["RestartWorkflow"] = new(
                _ => new Dictionary<string, string> { ["reference"] = "PF-UNKNOWN" },
                NoBody,
                NationalTeam(404)
            ),
            ["TerminateWorkflow"] = new(
                _ => new Dictionary<string, string> { ["reference"] = "PF-UNKNOWN" },
                () => RouteSecurityFixture.Json(new { reason = "matrix" }),
                NationalTeam(404)
            ),
            ["ListInboundEmails"] = new(None, NoBody, NationalTeam(200)),
            ["GetInboundEmail"] = new(
                r => Id(r.RejectedEmail),
                NoBody,
                NationalTeam(200),
                UnknownValues: () => Id("unknown-email"),
                Unknown: [National]
            ),
            // The email was rejected, not quarantined: it can be neither released nor discarded (409).
            ["ReleaseInboundEmail"] = new(
                r => Id(r.RejectedEmail),
                NoBody,
                NationalTeam(409),
                UnknownValues: () => Id("unknown-email"),
                Unknown: [National]
            ),
            ["DiscardInboundEmail"] = new(
                r => Id(r.RejectedEmail),
                NoBody,
                NationalTeam(409),
                UnknownValues: () => Id("unknown-email"),
                Unknown: [National]
            ),
            ["GetWordForm"] = new(None, NoBody, Public()),
            ["GetTextForm"] = new(None, NoBody, Public()),

            // Pages. Tests sign in as Azure does (App Service Authentication), so the development sign-in is not there.
            ["SignInPage"] = new(None, NoBody, Everyone(404)),
            ["SignInAs"] = new(None, NoBody, Everyone(404)),
            // Signing out is the platform's: everyone is sent to /.auth/logout.
            ["SignOut"] = new(None, NoBody, Everyone(302)),
            ["PageAsset"] = new(
                _ => Asset("pathfinder.css"),
                NoBody,
                Public(),
                UnknownValues: () => Asset("no-such-file.css"),
                Unknown: Enum.GetValues<Identity>()
            ),
            // Each reviewer sees their own SHA's list.
            ["ReviewListPage"] = new(None, NoBody, StaffPage(200, 200, 200)),
            ["ApplicationPage"] = new(
                r => Id(r.Application),
                NoBody,
                StaffPage(200, 403, 200),
                UnknownValues: () => Id("PF-UNKNOWN"),
                Unknown: People
            ),
            // Posted without the form's antiforgery token: the SHA's reviewer gets "this form has expired" (400),
            // checked
            // after who may act, so nothing is decided; the national team sees but does not act (403).
            ["DecideOnPage"] = new(
                r => Id(r.Application),
                NoBody,
                StaffPage(400, 403, 403),
                UnknownValues: () => Id("PF-UNKNOWN"),
                Unknown: People
            ),
            ["WithdrawOnPage"] = new(
                r => Id(r.Application),
                NoBody,
                StaffPage(400, 403, 403),
                UnknownValues: () => Id("PF-UNKNOWN"),
                Unknown: People
            ),
            ["AgreeGoLiveOnPage"] = new(
                r => Id(r.Application),
                NoBody,
                StaffPage(400, 403, 403),
                UnknownValues: () => Id("PF-UNKNOWN"),
                Unknown: People
            ),
            ["WavesPage"] = new(None, NoBody, NationalPage(200)),
            // Posts without the form's token: the national team gets "this form has expired" (400), so nothing changes.
            // The
            // token is checked before the wave or email is looked up (only the national team gets that far, and it may
            // see
            // them all), so an unknown one is a 400 too.
            ["ScheduleWaveOnPage"] = new(None, NoBody, NationalPage(400)),
            ["AnnounceWavePage"] = new(
                r => Number(r.AnnouncedWave),
                NoBody,
                NationalPage(200),
                UnknownValues: () => Number(999),
                Unknown: [National]
            ),
            ["AnnounceWaveOnPage"] = new(r => Number(r.AnnouncedWave), NoBody, NationalPage(400)),
            ["InboundEmailsPage"] = new(None, NoBody, NationalPage(200)),
            ["InboundEmailPage"] = new(
                r => Id(r.RejectedEmail),
                NoBody,
                NationalPage(200),
                UnknownValues: () => Id("unknown-email"),
                Unknown: [National]
            ),
            ["ReleaseInboundEmailOnPage"] = new(r => Id(r.RejectedEmail), NoBody, NationalPage(400)),
            ["DiscardInboundEmailOnPage"] = new(r => Id(r.RejectedEmail), NoBody, NationalPage(400)),
            ["FailedNotificationsPage"] = new(None, NoBody, NationalPage(200)),
            // Nothing is queued under that key: a 404 page for the national team; the post without the form's token is
            // "this form has expired" (400), checked before the notification is looked up.
            ["ResendNotificationPage"] = new(
                _ => new Dictionary<string, string> { ["instanceId"] = "PF-UNKNOWN", ["step"] = "1" },
                NoBody,
                NationalPage(404)
            ),
            ["ResendNotificationOnPage"] = new(
                _ => new Dictionary<string, string> { ["instanceId"] = "PF-UNKNOWN", ["step"] = "1" },
                NoBody,
                NationalPage(400)
            ),
            ["ReportsPage"] = new(None, NoBody, NationalPage(200)),
            ["ReportCsv"] = new(
                _ => new Dictionary<string, string> { ["report"] = "pipeline" },
                NoBody,
                NationalPage(200)
            ),
            // Each reviewer downloads their own SHA's list, the national team every SHA's.
            ["ReviewListCsv"] = new(None, NoBody, StaffPage(200, 200, 200)),
            ["WorkflowsPage"] = new(None, NoBody, NationalPage(200)),
            // Posted without the form's token: "this form has expired" (400), checked before the application is looked
            // up.
            ["RestartWorkflowOnPage"] = new(
                _ => new Dictionary<string, string> { ["reference"] = "PF-UNKNOWN" },
                NoBody,
                NationalPage(400)
            ),
            ["TerminateWorkflowOnPage"] = new(
                _ => new Dictionary<string, string> { ["reference"] = "PF-UNKNOWN" },
                NoBody,
                NationalPage(400)
            ),
            ["HomePage"] = new(_ => new Dictionary<string, string> { ["ignored"] = "" }, NoBody, Public()),
            ["PathfindersPage"] = new(None, NoBody, Public()),
            // Opened by its signed link alone, whoever follows it: without the signature, nobody (403, and no data).
            ["ApplicantStatusPage"] = new(r => Id(r.Application), NoBody, Everyone(403)),

            // Partners (branch "partners"), on the example LMC of Q35. An empty body is a 400; a change or removal
            // without
            // If-Match is a 428, so nothing changes; a test message is queued (202), which changes nothing anyone sees.
            ["ListPartners"] = new(None, NoBody, NationalTeam(200)),
            ["GetPartner"] = new(
                _ => Id("lmc-q35"),
                NoBody,
                NationalTeam(200),
                UnknownValues: () => Id("no-such-partner"),
                Unknown: [National]
            ),
            ["AddPartner"] = new(None, () => RouteSecurityFixture.Json(new { }), NationalTeam(400)),
            ["ChangePartner"] = new(
                _ => Id("lmc-q35"),
                () => RouteSecurityFixture.Json(new { }),
                NationalTeam(428),
                UnknownValues: () => Id("no-such-partner"),
                Unknown: [National]
            ),
            ["RemovePartner"] = new(
                _ => Id("lmc-q35"),
                NoBody,
                NationalTeam(428),
                UnknownValues: () => Id("no-such-partner"),
                Unknown: [National]
            ),
            ["SendPartnerTestMessage"] = new(
                _ => Id("lmc-q35"),
                NoBody,
                NationalTeam(202),
                UnknownValues: () => Id("no-such-partner"),
                Unknown: [National]
            ),
            ["PartnersPage"] = new(None, NoBody, NationalPage(200)),
            ["NewPartnerPage"] = new(None, NoBody, NationalPage(200)),
            ["PartnerPage"] = new(
                _ => Id("lmc-q35"),
                NoBody,
                NationalPage(200),
                UnknownValues: () => Id("no-such-partner"),
                Unknown: [National]
            ),
            // Posted without the form's token: "this form has expired" (400), checked before the partner is looked up.
            ["AddPartnerOnPage"] = new(None, NoBody, NationalPage(400)),
            ["ChangePartnerOnPage"] = new(_ => Id("lmc-q35"), NoBody, NationalPage(400)),
            ["RemovePartnerOnPage"] = new(_ => Id("lmc-q35"), NoBody, NationalPage(400)),
            ["TestPartnerOnPage"] = new(_ => Id("lmc-q35"), NoBody, NationalPage(400)),
        };

    /// <summary>Every request of the matrix: each route as each identity, on real resources and on unknown
    /// ids.</summary>
    public static IEnumerable<(
        HttpFunction Route,
        Identity Identity,
        string Path,
        Func<HttpContent?> Body,
        int Expected
    )> Calls(Resources resources)
    {
        foreach (var route in RouteSecurityFixture.Routes)
        {
            if (!Rules.TryGetValue(route.Name, out var rule))
            {
                continue;
            }
            foreach (var identity in Enum.GetValues<Identity>())
            {
                yield return (
                    route,
                    identity,
                    RouteSecurityFixture.Path(route, rule.Values(resources), rule.Query),
                    rule.Body,
                    rule.Expected[identity]
                );
                if (rule.UnknownValues is not null)
                {
                    yield return (
                        route,
                        identity,
                        RouteSecurityFixture.Path(route, rule.UnknownValues(), rule.Query),
                        rule.Body,
                        rule.Unknown!.Contains(identity) ? 404 : rule.Expected[identity]
                    );
                }
            }
        }
    }

    [Fact]
    public void EveryRoute_HasARule_AndEveryRuleARoute()
    {
        var routes = RouteSecurityFixture.Routes.Select(r => r.Name).ToHashSet(StringComparer.Ordinal);

        Assert.True(
            routes.SetEquals(Rules.Keys),
            "Routes without a rule: "
                + string.Join(", ", routes.Except(Rules.Keys).Order(StringComparer.Ordinal))
                + "; rules without a route: "
                + string.Join(", ", Rules.Keys.Except(routes).Order(StringComparer.Ordinal))
        );
        Assert.All(Rules.Values, r => Assert.Equal(Enum.GetValues<Identity>().Length, r.Expected.Count));
    }

    [Fact]
    public async Task EveryRoute_AnswersEachIdentity_AsTheTableSays()
    {
        var missing = RouteSecurityFixture.Routes.Where(r => !Rules.ContainsKey(r.Name)).Select(r => r.Name).ToList();
        Assert.True(missing.Count == 0, "No authorization rule for: " + string.Join(", ", missing));
        var wrong = new List<string>();

        foreach (var (route, identity, path, body, expected) in Calls(fixture.Resources))
        {
            using var response = await fixture.SendAsync(route, identity, path, body());
            if ((int)response.StatusCode != expected)
            {
                wrong.Add(
                    $"{route.Name} {route.Methods.Single()} {path} as {identity}: expected {expected}, got "
                        + $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}"
                );
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }

    /// <summary>
    /// Each refused request to a route that changes something, as each identity, leaves every stored row as it was:
    /// the application's record, its outbox rows and its instance (status, custom status, history), the wave, the
    /// inbound email, and everything else the app keeps in tables. The state is read after each refusal, so an effect
    /// that lands a moment late shows as a change before the next one.
    /// </summary>
    [Fact]
    public async Task EveryRefusedCommand_ChangesNothingStored()
    {
        var state = await ProgrammeState.SettledAsync(fixture.App);
        var changed = new List<string>();

        foreach (
            var (route, identity, path, body, _) in Calls(fixture.Resources)
                .Where(c => !string.Equals(c.Route.Methods.Single(), "GET", StringComparison.OrdinalIgnoreCase))
        )
        {
            using var response = await fixture.SendAsync(route, identity, path, body());
            var after = await ProgrammeState.ReadAsync(fixture.App);
            if (!response.IsSuccessStatusCode && state.Changes(after) is { Count: > 0 } changes)
            {
                changed.Add(
                    $"{route.Name} {path} as {identity} ({(int)response.StatusCode}): {string.Join("; ", changes)}"
                );
            }
            state = after;
        }
        changed.AddRange(
            state.Changes(await ProgrammeState.SettledAsync(fixture.App)).Select(c => "after the last: " + c)
        );

        Assert.True(changed.Count == 0, string.Join(Environment.NewLine, changed));
    }

    // The forged-header caller: only App Service Authentication's principal header (and its provider, aad), claiming
    // the
    // national team, and no bearer token. With the platform's authentication on, that header is the platform's word:
    // the pages answer it as the national team, and the API (bearer tokens only) as no credential. With it off (a
    // second host on the same storage), the header is anyone's, so every route answers it as no credential at all.
    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task EveryRoute_AnswersTheForgedHeaderCaller_AsTheTableSays_WithThePlatformsAuthenticationOnOrOff(
        bool on
    )
    {
        using var off = on
            ? null
            : Infrastructure.PathfinderApp.Beside(
                fixture.App,
                (Pathfinder.Testing.TestTokens.PlatformAuthenticationSetting, "false")
            );
        var app = off ?? fixture.App;
        using var forged = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false })
        {
            BaseAddress = app.BaseAddress,
        };
        Pathfinder.Testing.TestTokens.AddEasyAuthHeaders(
            forged.DefaultRequestHeaders,
            Pathfinder.Testing.TestTokens.EasyAuthPrincipal(
                "Mallory",
                Pathfinder.Functions.Hosting.Security.NationalRole
            )
        );
        var wrong = new List<string>();

        foreach (var (route, identity, path, body, expected) in Calls(fixture.Resources))
        {
            var answersAs = on && !route.Route.StartsWith("api/", StringComparison.Ordinal) ? National : NoCredential;
            if (identity != answersAs)
            {
                continue;
            }
            using var request = new HttpRequestMessage(
                new HttpMethod(route.Methods.Single()),
                new Uri(path, UriKind.Relative)
            )
            {
                Content = body(),
            };
            using var response = await forged.SendAsync(request);
            if ((int)response.StatusCode != expected)
            {
                wrong.Add(
                    $"{route.Name} {route.Methods.Single()} {path} forged (platform {(on ? "on" : "off")}): expected "
                        + $"{expected} as {answersAs}, got {(int)response.StatusCode}"
                );
            }
        }

        Assert.True(wrong.Count == 0, string.Join(Environment.NewLine, wrong));
    }
}
