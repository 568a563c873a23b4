using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>POST /api/applications: what an applicant's system sees when it sends an expression of interest.</summary>
public sealed class SubmissionTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    [Fact]
    public async Task Submit_ValidForm_Is202WithIdAndLocation()
    {
        using var response = await app.Intake().PostAsJsonAsync("/api/applications", Forms.Valid("Q31"));

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var body = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        var id = body["id"]!.GetValue<string>();
        Assert.StartsWith("Q31-", id, StringComparison.Ordinal);
        Assert.Equal("underReview", body["status"]!.GetValue<string>());
        Assert.Equal($"/api/applications/{id}", response.Headers.Location?.OriginalString);
        await app.Reviewer("Q31").WaitForStatusAsync(id, "underReview");
    }

    [Fact]
    public async Task Submit_AgainWithTheSameIdempotencyKey_IsTheSameApplication()
    {
        var form = Forms.Valid("Q31");
        var key = Guid.NewGuid().ToString();

        var answers = new List<JsonObject>();
        foreach (var _ in Enumerable.Range(0, 3))
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/applications")
            {
                Content = JsonContent.Create(form),
            };
            request.Headers.Add("Idempotency-Key", key);
            using var response = await app.Intake().SendAsync(request);
            Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
            answers.Add((await response.Content.ReadFromJsonAsync<JsonObject>())!);
        }

        var id = Assert.Single(answers.Select(a => a["id"]!.GetValue<string>()).Distinct());
        // A 202 is a promise: the orchestration registers the application moments later.
        await app.WaitUntilRegisteredAsync(id);
        var mine = (await app.National().GetFromJsonAsync<JsonArray>("/api/applications?sha=Q31"))!.Where(a =>
            a!["consortiumName"]!.GetValue<string>() == form["consortiumName"]!.GetValue<string>()
        );
        Assert.Single(mine);
    }

    [Fact]
    public async Task Submit_SameConsortiumWhileUnderReview_Is409WithTheExistingReference()
    {
        var form = Forms.Valid("Q31", "Birkenhead Consortium");
        var first = await app.Intake().SubmitAsync(form);

        using var again = await app.Intake()
            .PostAsJsonAsync("/api/applications", Forms.Valid("Q31", "  birkenhead   CONSORTIUM "));

        var problem = await again.ProblemAsync(HttpStatusCode.Conflict);
        Assert.Equal(first, problem["reference"]!.GetValue<string>());
        Assert.Equal($"/api/applications/{first}", again.Headers.Location?.OriginalString);
    }

    [Fact]
    public async Task Submit_SameConsortiumAfterWithdrawal_StartsANewApplication()
    {
        var first = await app.Intake().SubmitAsync(Forms.Valid("Q31", "Wallasey Consortium"));
        (await app.Reviewer("Q31").WithdrawAsync(first)).Dispose();
        await app.Reviewer("Q31").WaitForStatusAsync(first, "withdrawn");

        var second = await app.Intake().SubmitAsync(Forms.Valid("Q31", "Wallasey Consortium"));

        Assert.NotEqual(first, second);
    }

    [Fact]
    public async Task Submit_WithKeyInCodeQuery_Is202()
    {
        using var response = await app.CreateClient()
            .PostAsJsonAsync($"/api/applications?code={PathfinderApp.IntakeKey}", Forms.Valid());

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }

    [Fact]
    public async Task Submit_WithoutKey_Is401()
    {
        using var response = await app.CreateClient().PostAsJsonAsync("/api/applications", Forms.Valid());

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Submit_WithWrongHeaderKey_Is401()
    {
        using var client = app.CreateClient();
        client.DefaultRequestHeaders.Add("x-functions-key", "not-the-intake-key-at-all");

        using var response = await client.PostAsJsonAsync("/api/applications", Forms.Valid());

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Submit_WithWrongCodeQuery_Is401()
    {
        using var response = await app.CreateClient().PostAsJsonAsync("/api/applications?code=wrong", Forms.Valid());

        await response.ProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Submit_WithSeveralProblems_Is400NamingEveryFieldAtOnce()
    {
        var form = Forms.Valid(sha: "Q99", practices: 2);
        form["practices"]![0]!["code"] = "D8100";
        form["practices"]![1]!["listSize"] = "abc";
        form["evidence"]!["localAuthorityEngagement"] = null;
        form["leadGp"]!["email"] = "not an address";

        using var response = await app.Intake().PostAsJsonAsync("/api/applications", form);

        var errors = await response.ErrorsAsync();
        Assert.Equal(
            [
                "evidence.localAuthorityEngagement",
                "leadGp.email",
                "practices[0].code",
                "practices[1].listSize",
                "shaCode",
            ],
            errors.Keys.Order(StringComparer.Ordinal)
        );
        Assert.Contains("D8100", errors["practices[0].code"][0], StringComparison.Ordinal);
        Assert.Contains("'abc'", errors["practices[1].listSize"][0], StringComparison.Ordinal);
        Assert.Contains("Q99", errors["shaCode"][0], StringComparison.Ordinal);
    }

    [Fact]
    public async Task Submit_WithMistypedJsonValue_Is400NamingTheField()
    {
        var form = Forms.Valid();
        form["researchEvaluationOptIn"] = "yes";

        using var response = await app.Intake().PostAsJsonAsync("/api/applications", form);

        var errors = await response.ErrorsAsync();
        Assert.Equal(["researchEvaluationOptIn"], errors.Keys);
    }

    [Fact]
    public async Task Submit_WithMalformedJson_Is400()
    {
        using var content = new StringContent("{\"consortiumName\": \"Fenland\",", Encoding.UTF8, "application/json");

        using var response = await app.Intake().PostAsync(new Uri("/api/applications", UriKind.Relative), content);

        await response.ProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Submit_AsFormEncoded_Is415()
    {
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("consortiumName", "Fenland")]);

        using var response = await app.Intake().PostAsync(new Uri("/api/applications", UriKind.Relative), content);

        await response.ProblemAsync(HttpStatusCode.UnsupportedMediaType);
    }

    [Fact]
    public async Task Submit_WithNumericListSize_Is202()
    {
        var form = Forms.Valid("Q31");
        form["practices"]![0]!["listSize"] = 8500;
        using var response = await app.Intake().PostAsJsonAsync("/api/applications", form);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
    }
}
