using Microsoft.Playwright;
using Pathfinder.Testing;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// Screenshots of the main pages at desktop width (1280 px) and phone width (375 px) as the tests see them, written to
/// .local/screenshots (ignored: a test run leaves the work tree clean). The README's screenshots, of the demo
/// programme, come from scripts/screenshots.sh.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ScreenshotTests(BrowserFixture fixture)
{
    private static readonly string Folder = Path.Combine(RepositoryRoot.Find(), ".local", "screenshots");

    [Theory]
    [MemberData(nameof(SitePages.Screenshots), MemberType = typeof(SitePages))]
    public async Task Page_IsPhotographedAtDesktopAndPhoneWidths(string name)
    {
        var sitePage = SitePages.Named(name);
        var path = await sitePage.Path(fixture, await fixture.Applications);
        Directory.CreateDirectory(Folder);
        foreach (var (suffix, width, height) in new[] { ("desktop", 1280, 800), ("mobile", 375, 812) })
        {
            var page = await fixture.NewPageAsync(sitePage.As, width, height);
            try
            {
                var response = await page.GotoAsync(path);
                Assert.True(response is { Status: 200 }, $"{path} answered {response?.Status}, not 200");
                var file = Path.Combine(Folder, $"{name}-{suffix}.png");
                await page.ScreenshotAsync(
                    new PageScreenshotOptions
                    {
                        Path = file,
                        FullPage = true,
                        Animations = ScreenshotAnimations.Disabled,
                    }
                );
                Assert.True(new FileInfo(file).Length > 0, $"{file} is empty");
            }
            finally
            {
                await page.Context.CloseAsync();
            }
        }
    }
}
