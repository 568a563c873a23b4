using System.Text.RegularExpressions;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// The applicant, who has no account: the link in the acknowledgement email opens their application's status page
/// (<c>/status/{id}?expires=&amp;signature=</c>, from the "public" branch), and a tampered link does not.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ApplicantJourneyTests(BrowserFixture fixture)
{
    [Fact]
    public async Task Applicant_OpensTheStatusLinkFromTheAcknowledgementEmail_AndSeesTheApplicationUnderReview()
    {
        var seeded = await fixture.Applications;
        var link = await SitePages.StatusLinkAsync(fixture, seeded.ToView);
        var page = await fixture.NewPageAsync();
        try
        {
            var response = await page.GotoAsync(link);
            Assert.True(response is { Status: 200 }, $"{link} answered {response?.Status}");
            var main = page.Locator("main");
            await Expect(main).ToContainTextAsync(seeded.ToView);
            await Expect(main).ToContainTextAsync("Browser Test Consortium 4");
            await Expect(main.Locator(".nhsuk-tag").First).ToHaveTextAsync(new Regex("Under review"));
            // Nobody is signed in: the page shows no staff menu.
            await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Applications", Exact = true }))
                .ToHaveCountAsync(0);

            // The same link with another signature opens nothing of the application.
            var tampered = Regex.Replace(link, "signature=[^&]+", "signature=AAAA");
            var refused = await page.GotoAsync(tampered);
            Assert.NotEqual(200, refused?.Status);
            await Expect(page.Locator("main")).Not.ToContainTextAsync("Browser Test Consortium 4");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
