using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// WCAG 2.2 AA 1.4.10 Reflow: every page in <see cref="SitePages.All"/>, error pages included, opened 320 CSS px
/// wide, scrolls only vertically; and the header's links that do not fit are one "More" away.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ReflowTests(BrowserFixture fixture)
{
    [Theory]
    [MemberData(nameof(SitePages.Names), MemberType = typeof(SitePages))]
    public async Task Page_At320CssPixels_HasNoHorizontalScroll(string name)
    {
        var sitePage = SitePages.Named(name);
        var page = await fixture.NewPageAsync(sitePage.As, Reflow.Width, 640);
        try
        {
            var path = await sitePage.Path(fixture, await fixture.Applications);
            var response = await page.GotoAsync(path);
            Assert.True(
                response?.Status == sitePage.Status,
                $"{path} answered {response?.Status}, not {sitePage.Status}"
            );
            await Reflow.AssertNoHorizontalScrollAsync(page, name);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    /// <summary>
    /// At a desktop's 1280 px too, nothing pushes the page sideways: a table with too many columns for the page's
    /// width is only stacked below desktop width, so at desktop width it must fit.
    /// </summary>
    [Theory]
    [MemberData(nameof(SitePages.Names), MemberType = typeof(SitePages))]
    public async Task Page_AtDesktopWidth_HasNoHorizontalScroll(string name)
    {
        var sitePage = SitePages.Named(name);
        var page = await fixture.NewPageAsync(sitePage.As, 1280, 800);
        try
        {
            var path = await sitePage.Path(fixture, await fixture.Applications);
            var response = await page.GotoAsync(path);
            Assert.True(
                response?.Status == sitePage.Status,
                $"{path} answered {response?.Status}, not {sitePage.Status}"
            );
            await Reflow.AssertNoHorizontalScrollAsync(page, name + " at 1280 px");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task NationalHeader_At320CssPixels_PutsTheLinksThatDoNotFitUnderMore()
    {
        var page = await fixture.NewPageAsync(SignIn.National, Reflow.Width, 640);
        try
        {
            await page.GotoAsync("/national/reports");
            var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
            var more = menu.GetByRole(AriaRole.Button, new() { Name = "Browse More" });
            await Expect(more).ToBeVisibleAsync();
            await Expect(more).ToHaveAttributeAsync("aria-expanded", "false");
            // Every link is in the navigation; closed, the menu hides those that do not fit (the last, at least).
            var links = menu.Locator("a.nhsuk-header__navigation-link");
            Assert.Equal(8, await links.CountAsync());
            await Expect(menu.Locator("a", new() { HasText = "Pathfinders" })).ToBeHiddenAsync();

            await more.ClickAsync();
            await Expect(more).ToHaveAttributeAsync("aria-expanded", "true");
            foreach (var link in await links.AllAsync())
            {
                await Expect(link).ToBeVisibleAsync();
            }
            // The current page is marked in the menu too, and the open menu does not push the page sideways.
            await Expect(menu.Locator("a[aria-current=page]")).ToHaveTextAsync("Reports");
            await Reflow.AssertNoHorizontalScrollAsync(page, "the national header with its menu open");

            await page.Keyboard.PressAsync("Escape");
            await Expect(more).ToHaveAttributeAsync("aria-expanded", "false");
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }

    [Fact]
    public async Task NationalHeader_At320CssPixels_WithoutJavaScript_WrapsItsLinks()
    {
        var page = await fixture.NewPageAsync(SignIn.National, Reflow.Width, 640, javaScript: false);
        try
        {
            await page.GotoAsync("/national/reports");
            var menu = page.GetByRole(AriaRole.Navigation, new() { Name = "Menu" });
            // No script, no "More": every link shows, on as many lines as it takes, and nothing scrolls sideways.
            await Expect(menu.GetByRole(AriaRole.Button)).ToHaveCountAsync(0);
            foreach (var link in await menu.Locator("a.nhsuk-header__navigation-link").AllAsync())
            {
                await Expect(link).ToBeVisibleAsync();
            }
            await Reflow.AssertNoHorizontalScrollAsync(page, "the national header without JavaScript", scripts: false);
        }
        finally
        {
            await page.Context.CloseAsync();
        }
    }
}
