using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// The national team at work on the national pages (<c>/national/...</c>, from the "national" branch): scheduling and
/// announcing a wave, and releasing a quarantined email. Written against the routes and the NHS.UK patterns (labelled
/// fields, buttons named by what they do); check the names once those pages are merged.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class NationalJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task NationalTeam_SchedulesAWave_AndAnnouncesIt()
    {
        var seeded = await fixture.Applications;
        var page = await fixture.NewPageAsync(SignIn.National);
        try
        {
            var response = await page.GotoAsync("/national/waves");
            Assert.True(response is { Status: 200 }, $"/national/waves answered {response?.Status}");
            await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync(new Regex("Waves"));

            // The cut-off tomorrow, the announcement in a week (NHS.UK date inputs: Day, Month, Year in a fieldset).
            var today = DateOnly.FromDateTime(DateTime.UtcNow);
            await FillDateAsync(page, new Regex("[Cc]ut.?off"), today.AddDays(1));
            await FillDateAsync(page, new Regex("[Aa]nnounce"), today.AddDays(7));
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("Schedule") }).ClickAsync();
            await Expect(page.Locator(".nhsuk-error-summary")).ToHaveCountAsync(0);

            // The new wave is listed; announcing it asks for confirmation on its own page.
            var number = await LatestWaveAsync();
            await page.GotoAsync("/national/waves");
            await page.Locator($"a[href='/national/waves/{number}/announce']").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/national/waves/{number}/announce$"));
            await Axe.AssertNoViolationsAsync(page, "the announcement confirmation");
            await Reflow.AssertReflowsAsync(page, "the announcement confirmation");
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("[Aa]nnounce") }).ClickAsync();
            await Expect(page).Not.ToHaveURLAsync(new Regex("/announce$"));
            await Expect(page.Locator(".nhsuk-error-summary")).ToHaveCountAsync(0);

            // The approved application in the wave is announced.
            await Seeded.WaitForStatusAsync(fixture.Host, seeded.Approved, s => s == "announced");
            await page.GotoAsync("/national/waves");
            await Expect(page.Locator("main")).ToContainTextAsync(new Regex("[Aa]nnounced"));
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task NationalTeam_ReleasesAQuarantinedEmail_AndItsApplicationIsRegistered()
    {
        const string consortium = "Quarantined Browser Consortium";
        var emailId = await Seeded.QuarantinedEmailAsync(fixture.Host, consortium);
        var page = await fixture.NewPageAsync(SignIn.National);
        try
        {
            var response = await page.GotoAsync("/national/inbound");
            Assert.True(response is { Status: 200 }, $"/national/inbound answered {response?.Status}");
            await page.Locator($"a[href='/national/inbound/{emailId}']").First.ClickAsync();
            await Expect(page).ToHaveURLAsync(new Regex($"/national/inbound/{Regex.Escape(emailId)}$"));
            await Expect(page.Locator("main")).ToContainTextAsync($"Expression of interest: {consortium}");
            await Expect(page.Locator("main")).ToContainTextAsync(new Regex("Quarantined"));

            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Release") }).ClickAsync();
            await Expect(page.Locator(".nhsuk-error-summary")).ToHaveCountAsync(0);
            await Expect(page.Locator("main")).ToContainTextAsync(new Regex("Released"));

            // Released, it is read as any email is: the application is registered.
            using var national = fixture.Host.National();
            var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
            while (true)
            {
                var email = (await national.GetFromJsonAsync<JsonObject>($"/api/inbound/{emailId}"))!;
                if (email["applicationReference"]?.GetValue<string>() is { } reference)
                {
                    await Seeded.WaitForStatusAsync(fixture.Host, reference, s => s == "underReview");
                    Assert.Equal("released", email["status"]!.ToString(), ignoreCase: true);
                    break;
                }
                Assert.True(
                    DateTimeOffset.UtcNow < deadline,
                    "the released email registered no application within 60 s"
                );
                await Task.Delay(250);
            }
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    private async Task<int> LatestWaveAsync()
    {
        using var national = fixture.Host.National();
        var waves = (await national.GetFromJsonAsync<JsonArray>("/api/waves"))!;
        Assert.NotEmpty(waves);
        return waves.Max(w => w!["number"]!.GetValue<int>());
    }

    /// <summary>Fills the NHS.UK date input whose legend matches: its Day, Month and Year boxes.</summary>
    private static async Task FillDateAsync(IPage page, Regex legend, DateOnly date)
    {
        var group = page.GetByRole(AriaRole.Group, new() { NameRegex = legend }).First;
        await group.GetByLabel("Day").FillAsync(date.Day.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Month").FillAsync(date.Month.ToString(CultureInfo.InvariantCulture));
        await group.GetByLabel("Year").FillAsync(date.Year.ToString(CultureInfo.InvariantCulture));
    }
}
