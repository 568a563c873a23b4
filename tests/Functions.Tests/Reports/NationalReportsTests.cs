using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Functions.Tests.Pages;

namespace Pathfinder.Functions.Tests.Reports;

/// <summary>
/// The national team's reports on the real app, over a small programme whose figures are worked out by hand: in
/// East of England (Q35) one pathfinder announced in wave 1 (25,500 patients) and one rejected for Local Authority
/// engagement; in Cheshire and Merseyside's SHA (Q31) one under review. The API, the page and the CSV files agree.
/// </summary>
public sealed class NationalReportsTests : IDisposable
{
    private const string Rejected = "Ærøskøbing, \"Ely\" Group";

    private static readonly string[] ApiFields =
    [
        "received",
        "underReview",
        "overdue",
        "approved",
        "rejected",
        "withdrawn",
        "announced",
        "live",
        "decided",
        "decidedLate",
    ];

    private static readonly string[] CsvHeadings =
    [
        "Received",
        "Under review",
        "Overdue",
        "Approved",
        "Rejected",
        "Withdrawn",
        "Announced",
        "Live",
        "Decided",
        "Decided after the deadline",
    ];
    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Pipeline_Rejections_AndCoverageByWave_AreTheSameInTheApiThePageAndTheCsvFiles()
    {
        var (announced, rejected) = await ProgrammeAsync();
        var national = _app.National();

        var pipeline = (await national.GetFromJsonAsync<JsonObject>("/api/reports/pipeline"))!;
        var england = pipeline["england"]!;
        Assert.Equal([3, 1, 0, 0, 1, 0, 1, 0, 2, 0], ApiFields.Select(k => england[k]!.GetValue<int>()));
        var q35 = pipeline["shas"]!.AsArray().Single(l => l!["area"]!["code"]!.GetValue<string>() == "Q35")!;
        Assert.Equal(2, q35["received"]!.GetValue<int>());
        Assert.Equal(0.0m, q35["longestDaysToDecision"]!.GetValue<decimal>());

        var rejections = (await national.GetFromJsonAsync<JsonObject>("/api/reports/rejections"))!["england"]!;
        Assert.Equal(1, rejections["rejected"]!.GetValue<int>());
        var la = rejections["criteria"]!
            .AsArray()
            .Single(c => c!["key"]!.GetValue<string>() == "localAuthorityEngagement")!;
        Assert.Equal((1, 100.0m), (la["count"]!.GetValue<int>(), la["sharePercent"]!.GetValue<decimal>()));
        Assert.Equal("no contact with the council yet", la["notes"]![0]!["note"]!.GetValue<string>());

        // 25,500 of East of England's 5,800,000 after wave 1 is 0.4%.
        var byWave = (await national.GetFromJsonAsync<JsonObject>("/api/reports/coverage-by-wave"))!;
        var wave1 = byWave["waves"]!.AsArray().Single()!;
        Assert.Equal(
            0.4m,
            wave1["shas"]!.AsArray().Single(s => s!["area"]!["code"]!.GetValue<string>() == "Q35")![
                "sharePercent"
            ]!.GetValue<decimal>()
        );
        // The one under review (Q31, 25,500 of 6,800,000) is in the second forecast only.
        Assert.Equal(25_500, byWave["ifApprovedJoin"]!["england"]!["registeredPopulation"]!.GetValue<long>());
        Assert.Equal(51_000, byWave["ifUnderReviewApproved"]!["england"]!["registeredPopulation"]!.GetValue<long>());

        var page = await PageClients.ForNational(_app).PageAsync("/national/reports");
        Assert.Contains("Pipeline by SHA", page, StringComparison.Ordinal);
        Assert.Contains("1 (0 overdue)", page, StringComparison.Ordinal);
        Assert.Contains("no contact with the council yet", page, StringComparison.Ordinal);
        Assert.Contains($"href=\"/review/{rejected}\"", page, StringComparison.Ordinal);
        Assert.Contains("After wave 1", page, StringComparison.Ordinal);
        Assert.Contains("Working in partnership with PCTs and boards", page, StringComparison.Ordinal);

        // Read back, the pipeline file gives England's row as the API does.
        var rows = await CsvAsync("/national/reports/pipeline/csv");
        var header = rows[0].ToList();
        var englandRow = rows.Single(r => r[1] == "England");
        Assert.Equal(
            ["3", "1", "0", "0", "1", "0", "1", "0", "2", "0"],
            CsvHeadings.Select(h => englandRow[header.IndexOf(h)])
        );
        var rejectionRows = await CsvAsync("/national/reports/rejections/csv");
        Assert.Contains(rejectionRows, r =>
            r[1] == "England" && r[3] == "Local Authority engagement" && r[4] == "1" && r[5] == "100.0"
        );
        var waveRows = await CsvAsync("/national/reports/coverage-by-wave/csv");
        Assert.Contains(waveRows, r => r[0] == "After wave 1" && r[1] == "Q35" && r[5] == "0.4");
        Assert.Equal(12, (await CsvAsync("/national/reports/coverage/csv")).Count);
        Assert.Equal(12, (await CsvAsync("/national/reports/support-needs/csv")).Count);

        // The application list, filtered as on the page: the name with a comma, quotes and accents comes back whole.
        var list = await CsvAsync("/review/export/csv?status=Rejected");
        Assert.Equal(2, list.Count);
        Assert.Equal([rejected, Rejected, "Q35", "rejected"], list[1][..4]);
        Assert.Equal(3, (await CsvAsync("/review/export/csv")).Count - 1);
        Assert.Contains(announced, (await CsvAsync("/review/export/csv?status=announced")).Select(r => r[0]));
    }

    [Fact]
    public async Task AnUnknownReportFile_IsNotFound_AndTheReportsAreTheNationalTeams()
    {
        using var unknown = await PageClients
            .ForNational(_app)
            .GetAsync(new Uri("/national/reports/nothing/csv", UriKind.Relative));
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        using var reviewer = await _app.Reviewer("Q35").GetAsync(new Uri("/api/reports/pipeline", UriKind.Relative));
        Assert.Equal(HttpStatusCode.Forbidden, reviewer.StatusCode);
    }

    private async Task<List<string[]>> CsvAsync(string path)
    {
        using var response = await PageClients.ForNational(_app).GetAsync(new Uri(path, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        return CsvTableTests.ReadBack(bytes);
    }

    private async Task<(string Announced, string Rejected)> ProgrammeAsync()
    {
        var announced = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Health Consortium"));
        await _app.Reviewer("Q35").ApproveAsync(announced);
        var now = DateTimeOffset.UtcNow;
        var wave = await _app.National().ScheduleWaveAsync(now.AddDays(10), now);
        var rejected = await _app.Intake().SubmitAsync(Forms.Valid("Q35", Rejected));
        using (var decided = await _app.Reviewer("Q35").DecideAsync(rejected, Forms.Decision("rejected", la: false)))
        {
            Assert.Equal(HttpStatusCode.Accepted, decided.StatusCode);
        }
        await _app.Reviewer("Q35").WaitForStatusAsync(rejected, "rejected");
        var underReview = await _app.Intake().SubmitAsync(Forms.Valid("Q31", "Wirral Consortium"));
        await _app.WaitUntilRegisteredAsync(underReview);
        (await _app.National().AnnounceAsync(wave["number"]!.GetValue<int>())).Dispose();
        await _app.National().WaitForStatusAsync(announced, "announced");
        return (announced, rejected);
    }
}
