using System.Net;
using System.Text;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Pages.Public;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Pages.Delivery;

/// <summary>
/// The pages themselves on a slow network: compressed when the browser accepts it, never kept by a browser or proxy
/// (they show people's applications), and the public ones describe themselves to search engines.
/// </summary>
public sealed class PageDeliveryTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    [Theory]
    [InlineData("br")]
    [InlineData("gzip")]
    public async Task APage_WhenTheBrowserAcceptsACompression_ComesInIt_AndStaysUncached(string coding)
    {
        using var browser = app.SignedInBrowser("Dr Ann Reviewer", "Reviewer", "Q35");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/review", UriKind.Relative));
        request.Headers.TryAddWithoutValidation("Accept-Encoding", coding);

        using var response = await browser.SendAsync(request);
        var html = Encoding.UTF8.GetString(
            AssetDeliveryTests.Decode(await response.Content.ReadAsByteArrayAsync(), coding)
        );

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal([coding], response.Content.Headers.ContentEncoding);
        Assert.Contains("Accept-Encoding", response.Headers.Vary);
        Assert.Equal("no-store", response.Headers.CacheControl?.ToString());
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        Assert.Contains("Dr Ann Reviewer", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task APage_WhenTheBrowserAcceptsNoCompression_ComesAsHtml()
    {
        using var browser = app.Browser();

        using var response = await browser.GetAsync(new Uri("/pathfinders", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(response.Content.Headers.ContentEncoding);
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PublicPages_HaveAMetaDescription_StaffPagesNone()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q35", "Ely Described Consortium"));
        var status = Assert.Single(
            (await app.MailAsync(id, "Acknowledgement", Mailbox.Applicant)).LinksTo(TestTokens.PublicUrl + "/status/")
        );
        using var browser = app.Browser();
        using var reviewer = app.SignedInBrowser("Dr Ann Reviewer", "Reviewer", "Q35");

        var home = await browser.PageAsync("/");
        var pathfinders = await browser.PageAsync("/pathfinders");
        using var statusResponse = await browser.FollowAsync(status);
        var statusPage = await statusResponse.Content.ReadAsStringAsync();
        var review = await reviewer.PageAsync("/review");

        Assert.Contains(
            "<meta name=\"description\" content=\"How groups of GP practices join",
            home,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "<meta name=\"description\" content=\"The GP consortia pathfinders announced so far",
            pathfinders,
            StringComparison.Ordinal
        );
        Assert.Contains(
            "<meta name=\"description\" content=\"Where your expression of interest",
            statusPage,
            StringComparison.Ordinal
        );
        Assert.DoesNotContain("Ely Described Consortium", statusPage.Split("<body>")[0], StringComparison.Ordinal);
        Assert.DoesNotContain("<meta name=\"description\"", review, StringComparison.Ordinal);
    }
}
