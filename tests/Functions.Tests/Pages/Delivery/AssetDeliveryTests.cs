using System.IO.Compression;
using System.Net;
using System.Text.RegularExpressions;
using Pathfinder.Functions.Pages.Assets;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Pages.Public;

namespace Pathfinder.Functions.Tests.Pages.Delivery;

/// <summary>
/// The pages' CSS, JS and images as a phone on a slow network gets them: the build's Brotli or gzip copy when the
/// browser accepts one (the same bytes once decoded), the file itself when not, and by URLs with the content's hash
/// that a browser keeps for a year, so a second page downloads none of them again.
/// </summary>
public sealed partial class AssetDeliveryTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    private const string Stylesheet = "nhsuk/nhsuk-frontend.min.css";

    [Theory]
    [InlineData("br", "br")]
    [InlineData("gzip, deflate, br, zstd", "br")]
    [InlineData("gzip", "gzip")]
    [InlineData("br;q=0, gzip", "gzip")]
    [InlineData("gzip;q=1, br;q=0.5", "gzip")]
    public async Task Asset_WhenTheBrowserAcceptsACompression_ComesInIt_AndDecodesToTheFile(
        string accepted,
        string coding
    )
    {
        using var browser = app.Browser();

        using var response = await GetAsync(browser, await LinkedAsync(browser, Stylesheet), accepted);
        var body = await response.Content.ReadAsByteArrayAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([coding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("text/css", response.Content.Headers.ContentType?.MediaType);
        var file = File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "assets", Stylesheet));
        Assert.True(body.Length < file.Length / 5, $"{coding}: {body.Length} bytes of {file.Length}");
        Assert.Equal(file, Decode(body, coding));
    }

    [Theory]
    [InlineData(null)]
    [InlineData("identity")]
    [InlineData("br;q=0, gzip;q=0")]
    public async Task Asset_WhenTheBrowserAcceptsNoCompression_ComesAsTheFile(string? accepted)
    {
        using var browser = app.Browser();

        using var response = await GetAsync(browser, await LinkedAsync(browser, "pathfinder.js"), accepted);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal(
            File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "assets", "pathfinder.js")),
            await response.Content.ReadAsByteArrayAsync()
        );
    }

    [Theory]
    [InlineData("nhsuk/nhsuk-frontend.min.css")]
    [InlineData("nhsuk/nhsuk-frontend.min.js")]
    [InlineData("pathfinder.css")]
    [InlineData("pathfinder.js")]
    [InlineData("nhsuk/images/favicon.svg")]
    public async Task EveryAssetAPageLinks_HasItsContentHashInTheUrl_AndIsKeptForAYear(string path)
    {
        using var browser = app.Browser();
        var url = await LinkedAsync(browser, path);

        using var response = await GetAsync(browser, url, "br, gzip");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=31536000, immutable", response.Headers.CacheControl?.ToString());
        Assert.Equal($"/assets/{path}?v={PageAssets.App.Version(path)}", url);
    }

    [Theory]
    [InlineData("/assets/pathfinder.css")]
    [InlineData("/assets/pathfinder.css?v=0123456789abcdef")]
    public async Task AnAssetUrlWithoutTheCurrentHash_IsKeptForAnHourOnly(string url)
    {
        using var browser = app.Browser();

        using var response = await GetAsync(browser, url, null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("public, max-age=3600", response.Headers.CacheControl?.ToString());
    }

    [Fact]
    public async Task TheFrontendsScript_ImportedByPathfinderJs_IsMappedToItsHashedUrl()
    {
        using var browser = app.Browser();

        var html = await browser.PageAsync("/");

        // pathfinder.js imports "./nhsuk/nhsuk-frontend.min.js"; the import map sends it to the year-long URL.
        var hashed = PageAssets.App.Url("nhsuk/nhsuk-frontend.min.js");
        Assert.Contains(
            $"{{\"imports\":{{\"/assets/nhsuk/nhsuk-frontend.min.js\":\"{hashed}\"}}}}",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "import { initAll } from './nhsuk/nhsuk-frontend.min.js'",
            File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "assets", "pathfinder.js")),
            StringComparison.Ordinal
        );
    }

    [Fact]
    public void AChangedAsset_GetsANewUrl_AndTheSameContentKeepsItsUrl()
    {
        var folder = Directory.CreateTempSubdirectory("pathfinder-assets-");
        try
        {
            using var assets = new PageAssets(folder.FullName);
            var file = Path.Combine(folder.FullName, "app.css");
            File.WriteAllText(file, ".app-chart { fill: #005eb8; }");
            var before = assets.Url("app.css");

            File.WriteAllText(file, ".app-chart { fill: #330072; }");
            File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));
            var changed = assets.Url("app.css");
            using var restarted = new PageAssets(folder.FullName);

            Assert.StartsWith("/assets/app.css?v=", before, StringComparison.Ordinal);
            Assert.NotEqual(before, changed);
            Assert.Equal(changed, restarted.Url("app.css"));
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    /// <summary>The URL the home page links <paramref name="path"/> by (a stylesheet, script, preload or
    /// icon).</summary>
    private static async Task<string> LinkedAsync(HttpClient browser, string path)
    {
        var html = await browser.PageAsync("/");
        var links = AssetLink()
            .Matches(html)
            .Select(m => WebUtility.HtmlDecode(m.Groups["url"].Value))
            .Where(u => u.StartsWith($"/assets/{path}?", StringComparison.Ordinal))
            .Distinct()
            .ToList();
        return Assert.Single(links);
    }

    private static async Task<HttpResponseMessage> GetAsync(HttpClient browser, string url, string? accepted)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(url, UriKind.Relative));
        if (accepted is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept-Encoding", accepted);
        }
        return await browser.SendAsync(request);
    }

    internal static byte[] Decode(byte[] body, string coding)
    {
        using var input = new MemoryStream(body);
        using Stream decoder =
            coding == "br"
                ? new BrotliStream(input, CompressionMode.Decompress)
                : new GZipStream(input, CompressionMode.Decompress);
        using var output = new MemoryStream();
        decoder.CopyTo(output);
        return output.ToArray();
    }

    [GeneratedRegex("""(?:href|src)="(?<url>/assets/[^"]+)"|"(?<url>/assets/[^"]+\?v=[0-9a-f]+)""")]
    private static partial Regex AssetLink();
}
