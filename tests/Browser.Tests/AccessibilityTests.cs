using Microsoft.Playwright;

namespace Pathfinder.Browser.Tests;

/// <summary>Every page in <see cref="SitePages.All"/> has no WCAG 2.2 AA violation axe can find.</summary>
[Collection(BrowserCollection.Name)]
public sealed class AccessibilityTests(BrowserFixture fixture)
{
    [Theory]
    [MemberData(nameof(SitePages.Names), MemberType = typeof(SitePages))]
    public async Task Page_HasNoAxeViolations(string name)
    {
        var sitePage = SitePages.Named(name);
        var page = await fixture.NewPageAsync(sitePage.As);
        try
        {
            var path = await sitePage.Path(fixture, await fixture.Applications);
            var response = await page.GotoAsync(path);
            Assert.True(
                response?.Status == sitePage.Status,
                $"{path} answered {response?.Status}, not {sitePage.Status}"
            );
            await Axe.AssertNoViolationsAsync(page, name);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
