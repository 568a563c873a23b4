using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Domain;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Pages.National;

/// <summary>/national/waves: scheduling a wave and announcing one now through the pages, by the API's rules.</summary>
public sealed class WavePageTests : IDisposable
{
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    private static DateOnly Today => UkTime.DateOf(DateTimeOffset.UtcNow);

    private static (string, string)[] Dates(string field, DateOnly date) =>
        [
            ($"{field}-day", date.Day.ToString(CultureInfo.InvariantCulture)),
            ($"{field}-month", date.Month.ToString(CultureInfo.InvariantCulture)),
            ($"{field}-year", date.Year.ToString(CultureInfo.InvariantCulture)),
        ];

    private static async Task<HttpResponseMessage> ScheduleAsync(
        HttpClient national,
        params (string, string)[] fields
    ) => await national.PostFormAsync("/national/waves", "/national/waves", fields);

    [Fact]
    public async Task Schedule_WithGoodDates_RedirectsAndCreatesTheWave()
    {
        var national = PageClients.ForNational(_app);

        using var response = await ScheduleAsync(
            national,
            [.. Dates("announceAt", Today.AddDays(43)), .. Dates("cutoff", Today.AddDays(39))]
        );

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/national/waves?done=scheduled", response.Headers.Location?.OriginalString);
        var wave = Assert.Single((await _app.National().GetFromJsonAsync<JsonArray>("/api/waves"))!)!;
        Assert.Equal(UkTime.At(Today.AddDays(43), new TimeOnly(10, 0)), wave["announceAt"]!.GetValue<DateTimeOffset>());
        Assert.Equal(UkTime.At(Today.AddDays(39), TimeOnly.MinValue), wave["cutoff"]!.GetValue<DateTimeOffset>());
        var html = await national.PageAsync("/national/waves?done=scheduled");
        Assert.Contains("The wave has been scheduled.", html, StringComparison.Ordinal);
        Assert.Contains("Wave 1", html, StringComparison.Ordinal);
        Assert.Contains("/national/waves/1/announce", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Schedule_WithADateThatIsNotReal_Is400WithTheErrorSummary()
    {
        var national = PageClients.ForNational(_app);

        using var response = await ScheduleAsync(
            national,
            [
                ("announceAt-day", "31"),
                ("announceAt-month", "2"),
                ("announceAt-year", "2030"),
                .. Dates("cutoff", Today.AddDays(39)),
            ]
        );
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<title>Error: Waves", html, StringComparison.Ordinal);
        Assert.Contains("nhsuk-error-summary", html, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"#announceAt\">The announcement date must be a real date",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("value=\"31\"", html, StringComparison.Ordinal);
        Assert.Empty((await _app.National().GetFromJsonAsync<JsonArray>("/api/waves"))!);
    }

    [Fact]
    public async Task Schedule_WithBlankDates_Is400NamingBoth()
    {
        using var response = await ScheduleAsync(PageClients.ForNational(_app));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("<a href=\"#announceAt\">Give the date the wave is announced", html, StringComparison.Ordinal);
        Assert.Contains(
            "<a href=\"#cutoff\">Give the cutoff: applications approved before it join this wave.",
            html,
            StringComparison.Ordinal
        );
    }

    [Fact]
    public async Task Schedule_BreakingTheApisRules_Is400WithTheApisMessages()
    {
        using var response = await ScheduleAsync(
            PageClients.ForNational(_app),
            [.. Dates("announceAt", Today.AddDays(10)), .. Dates("cutoff", Today.AddDays(11))]
        );
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains(
            "<a href=\"#cutoff\">The cutoff must not be after the announcement",
            html,
            StringComparison.Ordinal
        );
        Assert.Contains("nhsuk-form-group--error", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnnounceNow_ThroughTheConfirmationPage_AnnouncesTheApprovedApplications()
    {
        var approved = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Ely <b>Bold</b> Consortium"));
        var undecided = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Soham Consortium"));
        await _app.Reviewer("Q35").ApproveAsync(approved);
        await _app.National().ScheduleWaveAsync(DateTimeOffset.UtcNow.AddDays(43), DateTimeOffset.UtcNow.AddDays(39));
        var national = PageClients.ForNational(_app);

        var confirmation = await national.PageAsync("/national/waves/1/announce");
        Assert.Contains("1 approved application will be announced", confirmation, StringComparison.Ordinal);
        Assert.Contains("Ely &lt;b&gt;Bold&lt;/b&gt; Consortium", confirmation, StringComparison.Ordinal);
        Assert.DoesNotContain("Soham Consortium", confirmation, StringComparison.Ordinal);

        using var response = await national.PostFormAsync("/national/waves/1/announce", "/national/waves/1/announce");

        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/national/waves?done=announced", response.Headers.Location?.OriginalString);
        var wave = await _app.National().AnnouncedWaveAsync(1);
        Assert.Equal([approved], wave["pathfinders"]!.AsArray().Select(p => p!.GetValue<string>()));
        await _app.Reviewer("Q35").WaitForStatusAsync(approved, "announced");
        Assert.Equal("underReview", await _app.Reviewer("Q35").StatusOfAsync(undecided));

        // Announced: the page says so and has no button; a second post is refused as the API refuses it.
        var after = await national.PageAsync("/national/waves/1/announce");
        Assert.Contains("This wave has been announced.", after, StringComparison.Ordinal);
        using var again = await national.PostFormAsync("/national/waves", "/national/waves/1/announce");
        var html = await again.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Contains("Already announced: Wave 1 was announced on", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AnnounceNow_ForAWaveThatDoesNotExist_Is404()
    {
        var national = PageClients.ForNational(_app);

        using var page = await national.GetAsync(new Uri("/national/waves/7/announce", UriKind.Relative));
        using var post = await national.PostFormAsync("/national/waves", "/national/waves/7/announce");

        Assert.Equal(HttpStatusCode.NotFound, page.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
    }
}
