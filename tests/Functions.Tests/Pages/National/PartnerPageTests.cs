using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Partners;

namespace Pathfinder.Functions.Tests.Pages.National;

/// <summary>
/// /national/partners: the list, adding, changing and removing a partner with every validation problem shown as the
/// NHS.UK error summary (linking to the box) with what was typed kept, a stale change (409), the test message, and the
/// announcement page's recipients. One app with the example partners; each test keeps to its own SHA or name.
/// </summary>
public sealed partial class PartnerPageTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    private readonly HttpClient _browser = PageClients.ForNational(app, "Nina National");

    private static string Decoded(string html) => WebUtility.HtmlDecode(html);

    private async Task<HttpResponseMessage> AddAsync(params (string, string)[] fields) =>
        await _browser.PostFormAsync("/national/partners/new", "/national/partners/new", fields);

    private async Task<HttpResponseMessage> ChangeAsync(string id, params (string, string)[] fields)
    {
        var page = await _browser.PageAsync($"/national/partners/{id}");
        var version = VersionInput().Match(page).Groups["v"].Value;
        return await _browser.PostFormWithoutOpeningAsync(
            $"/national/partners/{id}",
            [
                (Pathfinder.Functions.Pages.PageServices.AntiforgeryField, PageClients.FormToken(page)),
                ("version", version),
                .. fields,
            ]
        );
    }

    private static async Task<string> ProblemPageAsync(HttpResponseMessage response, HttpStatusCode status)
    {
        var html = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == status, $"Expected {status}, got {response.StatusCode}: {html}");
        Assert.Contains("nhsuk-error-summary", html, StringComparison.Ordinal);
        return html;
    }

    [Fact]
    public async Task List_ShowsEachKind_BySha_WithAddresses_AndNoWarningWhenEveryShaHasItsPartners()
    {
        var html = Decoded(await _browser.PageAsync("/national/partners"));

        Assert.Contains("<h2 id=\"lmc\">Local Medical Committees</h2>", html, StringComparison.Ordinal);
        Assert.Contains("East of England (Q35)", html, StringComparison.Ordinal);
        Assert.Contains("lmc.q35@lmc.example.org.uk", html, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"/national/partners/rcgp\">Royal College of General Practitioners</a>",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("National team", html, StringComparison.Ordinal);
        Assert.DoesNotContain("Not every SHA has its partners", html, StringComparison.Ordinal);
        // The header marks the current page, as NHS.UK's does.
        Assert.Matches(
            "<a class=\"nhsuk-header__navigation-link\" href=\"/national/partners\" aria-current=\"page\">\\s*"
                + "<strong class=\"nhsuk-header__navigation-item-current-fallback\">Partners</strong>",
            html
        );
    }

    [Fact]
    public async Task Add_RedirectsToThePartner_WhichShowsItAndWhoAddedIt()
    {
        using var response = await AddAsync(
            ("kind", "nationalBody"),
            ("name", "Royal College of Nursing"),
            ("addresses", "primarycare@rcn.example.org.uk\r\n\r\ncommissioning@rcn.example.org.uk")
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var location = response.Headers.Location!.OriginalString;
        Assert.Matches("^/national/partners/[a-z0-9]+\\?done=added$", location);
        var html = Decoded(await _browser.PageAsync(location));
        Assert.Contains("The partner has been added.", html, StringComparison.Ordinal);
        Assert.Contains("<li>primarycare@rcn.example.org.uk</li>", html, StringComparison.Ordinal);
        Assert.Contains("<li>commissioning@rcn.example.org.uk</li>", html, StringComparison.Ordinal);
        Assert.Contains("Added by Nina National on", html, StringComparison.Ordinal);
    }

    public static TheoryData<string, string, string, string, string, string> AddProblems() =>
        new()
        {
            // kind, sha, name, addresses: the box the summary links to, and a bit of its message.
            {
                "lmc",
                "Q35",
                "Cambs LMC",
                "ok@lmc.example.org.uk\nnot an address",
                "addresses",
                "'not an address' is not an email address"
            },
            { "lmc", "Q99", "Nowhere LMC", "l@lmc.example.org.uk", "sha", "'Q99' is not one of the ten SHAs" },
            {
                "lmc",
                "Q34",
                "Second West Midlands LMC",
                "l@lmc.example.org.uk",
                "sha",
                "already has a local medical committee"
            },
            {
                "nationalBody",
                "",
                "NHS Alliance",
                "other@alliance.example.org",
                "name",
                "There is already a national body called NHS Alliance"
            },
            {
                "nationalBody",
                "",
                "Alliance, Primary Care",
                "a@alliance.example.org",
                "name",
                "has a comma or semicolon"
            },
            {
                "nationalBody",
                "",
                "Alliance; Primary Care",
                "a@alliance.example.org",
                "name",
                "has a comma or semicolon"
            },
            {
                "nationalBody",
                "",
                "Alliance\tPrimary Care",
                "a@alliance.example.org",
                "name",
                "without tabs or other control characters"
            },
            { "nationalBody", "", "No Addresses", "", "addresses", "Give at least one email address." },
            { "", "", "Kindless", "k@kind.example.org", "kind", "Choose the kind of partner." },
        };

    [Theory]
    [MemberData(nameof(AddProblems))]
    public async Task Add_WithAProblem_Is400_WithTheSummaryLinkingToTheBox_AndKeepsWhatWasTyped(
        string kind,
        string sha,
        string name,
        string addresses,
        string box,
        string message
    )
    {
        using var response = await AddAsync(("kind", kind), ("sha", sha), ("name", name), ("addresses", addresses));

        var html = Decoded(await ProblemPageAsync(response, HttpStatusCode.BadRequest));
        Assert.Contains("<title>Error: Add a partner", html, StringComparison.Ordinal);
        Assert.Matches($"<a href=\"#{box}\">[^<]*{Regex.Escape(message)}", html);
        Assert.Contains($"id=\"{box}-error\"", html, StringComparison.Ordinal);
        Assert.Contains($"value=\"{name}\"", html, StringComparison.Ordinal);
        Assert.Contains($">{addresses}</textarea>", html, StringComparison.Ordinal);
        if (kind.Length > 0)
        {
            Assert.Matches($"value=\"{kind}\" checked", html);
        }
        if (sha.Length > 0)
        {
            Assert.Matches($"<option value=\"{sha}\" selected", html);
        }
    }

    [Fact]
    public async Task Change_ReplacesTheAddress_AndTheHistoryShowsWhoChangedWhat()
    {
        using var response = await ChangeAsync(
            "reviewers-q31",
            ("sha", "Q31"),
            ("name", "North West SHA pathfinder reviewers"),
            ("addresses", "pathfinder.panel@nw.example.nhs.uk")
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/national/partners/reviewers-q31?done=changed", response.Headers.Location?.OriginalString);
        var html = Decoded(await _browser.PageAsync("/national/partners/reviewers-q31?done=changed"));
        Assert.Contains("The partner has been changed.", html, StringComparison.Ordinal);
        Assert.Contains("<li>pathfinder.panel@nw.example.nhs.uk</li>", html, StringComparison.Ordinal);
        Assert.Contains("Changed by Nina National on", html, StringComparison.Ordinal);
        Assert.Contains(
            "Addresses: pathfinders.q31@sha.example.nhs.uk to pathfinder.panel@nw.example.nhs.uk",
            html,
            StringComparison.Ordinal
        );
    }

    public static TheoryData<string, string, string, string, string> ChangeProblems() =>
        new()
        {
            { "Q32", "Yorkshire reviewers", "reviewers at yorkshire", "addresses", "is not an email address" },
            { "Q3X", "Yorkshire reviewers", "r@y.example.nhs.uk", "sha", "'Q3X' is not one of the ten SHAs" },
            { "Q35", "Yorkshire reviewers", "r@y.example.nhs.uk", "sha", "already has a reviewers' mailbox" },
            { "Q32", "Yorkshire; reviewers", "r@y.example.nhs.uk", "name", "has a comma or semicolon" },
            { "Q32", "Yorkshire reviewers", "r@y.example.nhs.uk\nR@y.example.nhs.uk", "addresses", "is listed twice" },
        };

    [Theory]
    [MemberData(nameof(ChangeProblems))]
    public async Task Change_WithAProblem_Is400_WithTheSummary_KeepingWhatWasTyped_AndChangesNothing(
        string sha,
        string name,
        string addresses,
        string box,
        string message
    )
    {
        using var response = await ChangeAsync("reviewers-q32", ("sha", sha), ("name", name), ("addresses", addresses));

        var html = Decoded(await ProblemPageAsync(response, HttpStatusCode.BadRequest));
        Assert.Matches($"<a href=\"#{box}\">[^<]*{Regex.Escape(message)}", html);
        Assert.Contains($"value=\"{name}\"", html, StringComparison.Ordinal);
        Assert.Contains($">{addresses}</textarea>", html, StringComparison.Ordinal);
        var (partner, etag) = await app.National().PartnerAsync("reviewers-q32");
        Assert.Equal("\"1\"", etag);
        Assert.Equal(["pathfinders.q32@sha.example.nhs.uk"], partner.Addresses());
    }

    [Fact]
    public async Task Change_AfterSomeoneElsesChange_Is409NamingThem_AndKeepsWhatWasTyped()
    {
        var page = await _browser.PageAsync("/national/partners/reviewers-q33");
        var (_, etag) = await app.National("Sam Other").PartnerAsync("reviewers-q33");
        using (
            var theirs = await app.National("Sam Other")
                .ChangePartnerAsync(
                    "reviewers-q33",
                    new
                    {
                        sha = "Q33",
                        name = "East Midlands reviewers",
                        addresses = new List<string> { "sam@em.example.nhs.uk" },
                    },
                    etag
                )
        )
        {
            Assert.Equal(HttpStatusCode.OK, theirs.StatusCode);
        }

        using var response = await _browser.PostFormWithoutOpeningAsync(
            "/national/partners/reviewers-q33",
            (Pathfinder.Functions.Pages.PageServices.AntiforgeryField, PageClients.FormToken(page)),
            ("version", "1"),
            ("sha", "Q33"),
            ("name", "East Midlands reviewers"),
            ("addresses", "nina@em.example.nhs.uk")
        );

        var html = Decoded(await ProblemPageAsync(response, HttpStatusCode.Conflict));
        Assert.Contains(
            "Someone changed this partner since you opened it (version 2 by Sam Other",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains(">nina@em.example.nhs.uk</textarea>", html, StringComparison.Ordinal);
        Assert.Contains("<li>sam@em.example.nhs.uk</li>", html, StringComparison.Ordinal);
        Assert.Contains("name=\"version\" value=\"2\"", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Remove_GoesBackToTheListSayingSo_AndThePartnersPageShowsWhoRemovedIt()
    {
        var page = await _browser.PageAsync("/national/partners/fda");

        using var response = await _browser.PostFormWithoutOpeningAsync(
            "/national/partners/fda/remove",
            (Pathfinder.Functions.Pages.PageServices.AntiforgeryField, PageClients.FormToken(page)),
            ("version", "1")
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/national/partners?done=removed", response.Headers.Location?.OriginalString);
        var list = Decoded(await _browser.PageAsync("/national/partners?done=removed"));
        Assert.Contains("The partner has been removed.", list, StringComparison.Ordinal);
        Assert.Contains("Removed partners", list, StringComparison.Ordinal);
        var removed = Decoded(await _browser.PageAsync("/national/partners/fda"));
        Assert.Contains("Removed by Nina National on", removed, StringComparison.Ordinal);
        Assert.DoesNotContain("Save changes", removed, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TestMessage_PressedOnce_AndPostedTwice_SendsOneMessageToEveryAddress()
    {
        var page = await _browser.PageAsync("/national/partners/napc");
        var press = PressInput().Match(page).Groups["press"].Value;
        (string, string)[] form =
        [
            (Pathfinder.Functions.Pages.PageServices.AntiforgeryField, PageClients.FormToken(page)),
            ("press", press),
        ];

        using var first = await _browser.PostFormWithoutOpeningAsync("/national/partners/napc/test-message", form);
        using var again = await _browser.PostFormWithoutOpeningAsync("/national/partners/napc/test-message", form);

        Assert.Equal("/national/partners/napc?done=test", first.Headers.Location?.OriginalString);
        Assert.Equal(HttpStatusCode.Redirect, again.StatusCode);
        Assert.Single(app.Sent(), m => m.Kind == "PartnerTest" && m.IsTo("pathfinders@napc.example.co.uk"));
        var html = Decoded(await _browser.PageAsync("/national/partners/napc?done=test"));
        Assert.Contains("A test message is on its way", html, StringComparison.Ordinal);
        Assert.Matches(
            "Test message of [^<]+ to pathfinders@napc.example.co.uk: <strong class=\"nhsuk-tag "
                + "nhsuk-tag--green\">Sent",
            html
        );
    }

    [Fact]
    public async Task TheAnnouncementPage_ListsWhoReceivesEachDigest_PerShaThenNationally()
    {
        // Q38 has its partners; Q39's LMC has been removed, so nobody there would get that digest.
        var (_, etag) = await app.National().PartnerAsync("lmc-q39");
        using (var removed = await app.National().RemovePartnerAsync("lmc-q39", etag))
        {
            Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        }
        try
        {
            await AnnouncementListsRecipientsAsync();
        }
        finally
        {
            // Q39 gets an LMC again, so the other tests see every SHA with its partners.
            using var restored = await app.National()
                .PostAsJsonAsync(
                    "/api/partners",
                    new
                    {
                        kind = "lmc",
                        sha = "Q39",
                        name = "Devon LMC",
                        addresses = new List<string> { "devon@lmc.example.org.uk" },
                    }
                );
            Assert.Equal(HttpStatusCode.Created, restored.StatusCode);
        }
    }

    private async Task AnnouncementListsRecipientsAsync()
    {
        foreach (var sha in new List<string> { "Q38", "Q39" })
        {
            var reference = await app.Intake().SubmitAsync(Forms.Valid(sha));
            await app.WaitUntilRegisteredAsync(reference);
            await app.Reviewer(sha).ApproveAsync(reference);
        }
        var wave = (
            await app.National().ScheduleWaveAsync(DateTimeOffset.UtcNow.AddDays(60), DateTimeOffset.UtcNow.AddDays(50))
        )["number"]!.GetValue<int>();

        var html = Decoded(await _browser.PageAsync($"/national/waves/{wave}/announce"));

        Assert.Contains("Who will receive the digests", html, StringComparison.Ordinal);
        var southCentral = Section(html, "South Central (Q38)");
        Assert.Contains("South Central Local Medical Committee", southCentral, StringComparison.Ordinal);
        Assert.Contains("lmc.q38@lmc.example.org.uk", southCentral, StringComparison.Ordinal);
        Assert.Contains("pathfinders.q38@sha.example.nhs.uk", southCentral, StringComparison.Ordinal);
        var southWest = Section(html, "South West (Q39)");
        Assert.Contains("Nobody", southWest, StringComparison.Ordinal);
        Assert.Contains("pathfinders.q39@sha.example.nhs.uk", southWest, StringComparison.Ordinal);
        var national = Section(html, "Every new pathfinder");
        Assert.Contains("pathfinders@rcgp.example.org.uk", national, StringComparison.Ordinal);
        Assert.Contains("pathfinders@nhsalliance.example.org", national, StringComparison.Ordinal);
        Assert.Contains("pathfinder.programme@dh.example.gov.uk", national, StringComparison.Ordinal);
        Assert.DoesNotContain("lmc.q35@", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ARealDeployment_StartsWithNoPartners_AndTheWavesPageWarnsUntilEveryShaHasItsTwo()
    {
        // Without the examples, as in production.
        using var empty = PathfinderApp.With(("Partners:LoadExamples", "false"));
        var browser = PageClients.ForNational(empty);

        var waves = Decoded(await browser.PageAsync("/national/waves"));
        var partners = Decoded(await browser.PageAsync("/national/partners"));

        Assert.Contains("Not every SHA has its partners", waves, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"/national/partners/new?kind=lmc&sha=Q35\">Local Medical Committee for East of England (Q35)</a>",
            waves,
            StringComparison.Ordinal
        );
        Assert.Contains("Reviewers' mailbox for South West (Q39)", waves, StringComparison.Ordinal);
        Assert.Contains("None yet.", partners, StringComparison.Ordinal);
        Assert.Empty((await empty.National().GetFromJsonAsync<JsonArray>("/api/partners"))!);
        Assert.DoesNotContain(
            "Not every SHA has its partners",
            Decoded(await _browser.PageAsync("/national/waves")),
            StringComparison.Ordinal
        );
    }

    /// <summary>The part of the page from this heading to the next one.</summary>
    private static string Section(string html, string heading)
    {
        var start = html.IndexOf($">{heading}</h3>", StringComparison.Ordinal);
        Assert.True(start >= 0, $"No heading {heading}");
        var end = html.IndexOf("<h3", start, StringComparison.Ordinal);
        return end < 0 ? html[start..] : html[start..end];
    }

    [GeneratedRegex("name=\"version\" value=\"(?<v>[0-9]+)\"")]
    private static partial Regex VersionInput();

    [GeneratedRegex("name=\"press\" value=\"(?<press>[0-9a-f]+)\"")]
    private static partial Regex PressInput();
}
