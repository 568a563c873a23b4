using System.Globalization;
using System.Text.Json;
using Microsoft.Playwright;

namespace Pathfinder.Browser.Tests;

/// <summary>
/// WCAG 2.2 AA 1.4.10 Reflow: at 320 CSS px wide (1280 px at 400% zoom) a page scrolls only vertically. axe cannot
/// see this, so the browser measures it: the document is no wider than the window.
/// </summary>
public static class Reflow
{
    /// <summary>The width WCAG names for content that scrolls vertically.</summary>
    public const int Width = 320;

    /// <summary>
    /// Fails when the page, as it stands, scrolls sideways at its current width, naming the overflow in px and the
    /// outermost elements that stick out past the window's right edge.
    /// </summary>
    public static async Task AssertNoHorizontalScrollAsync(IPage page, string what, bool scripts = true)
    {
        if (scripts)
        {
            // The header's script moves links into its "More" menu on a resize observer and an animation frame: let
            // two frames pass so the page is measured as a person would see it. Without JavaScript no frame callback
            // ever runs, so that wait would never end: there is nothing to wait for then.
            await page.EvaluateAsync("() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(r)))");
        }
        var measured = await page.EvaluateAsync<JsonElement>(
            """
            () => {
                const root = document.documentElement;
                const width = root.clientWidth;
                const wide = [...document.body.querySelectorAll('*')]
                    .filter(e => e.getBoundingClientRect().right > width + 0.5)
                    .filter(e => !e.parentElement || e.parentElement.getBoundingClientRect().right <= width + 0.5)
                    .slice(0, 5)
                    .map(e => {
                        const id = e.id ? '#' + e.id : '';
                        const cls = typeof e.className === 'string' && e.className
                            ? '.' + e.className.trim().split(/\s+/).join('.') : '';
                        const right = Math.round(e.getBoundingClientRect().right);
                        return `${e.tagName.toLowerCase()}${id}${cls} (right edge at ${right} px)`;
                    });
                return { scrollWidth: root.scrollWidth, clientWidth: width, wide };
            }
            """
        );
        var scrollWidth = measured.GetProperty("scrollWidth").GetInt32();
        var clientWidth = measured.GetProperty("clientWidth").GetInt32();
        if (scrollWidth <= clientWidth)
        {
            return;
        }
        var wide = string.Join("\n  ", measured.GetProperty("wide").EnumerateArray().Select(e => e.GetString()));
        Assert.Fail(
            string.Create(
                CultureInfo.InvariantCulture,
                $"{what} ({page.Url}) scrolls sideways by {scrollWidth - clientWidth} px at {clientWidth} px wide "
                    + $"(document {scrollWidth} px). Sticking out:\n  {wide}"
            )
        );
    }

    /// <summary>Checks the page at <see cref="Width"/> px wide, then puts the window back as it was.</summary>
    public static async Task AssertReflowsAsync(IPage page, string what)
    {
        var size = page.ViewportSize ?? new PageViewportSizeResult { Width = 1280, Height = 900 };
        await page.SetViewportSizeAsync(Width, size.Height);
        try
        {
            await AssertNoHorizontalScrollAsync(page, what);
        }
        finally
        {
            await page.SetViewportSizeAsync(size.Width, size.Height);
        }
    }
}
