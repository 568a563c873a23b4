using System.Diagnostics;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Hostile;

/// <summary>
/// Forms sent to <c>POST /api/applications</c> that no person would write: each is answered with a 400 that says what
/// to fix, in bounded time, and nothing is stored.
/// </summary>
public sealed class HostileJsonTests : IDisposable
{
    private static readonly TimeSpan Quickly = TimeSpan.FromSeconds(15);

    private readonly PathfinderApp _app = new();

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Submit_TenThousandPractices_400NamingTheLimit_InBoundedTime_AndNothingStored()
    {
        var form = Forms.Valid();
        form["practices"] = new JsonArray([
            .. Enumerable
                .Range(0, 10_000)
                .Select(i =>
                    (JsonNode)
                        new JsonObject
                        {
                            ["code"] = $"E{i:D5}",
                            ["name"] = $"Practice {i}",
                            ["listSize"] = 8500,
                        }
                ),
        ]);

        var clock = Stopwatch.StartNew();
        using var response = await _app.Intake().PostAsJsonAsync("/api/applications", form);
        var errors = await response.ErrorsAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Quickly);
        Assert.Equal(["List at most 500 practices; there are 10000."], errors["practices"]);
        Assert.Single(errors);
        await AssertNothingStoredAsync();
    }

    [Theory]
    [InlineData("[", "]")]
    [InlineData("{\"a\":", "}")]
    [InlineData("{\"consortiumName\":\"Fenland\",\"evidence\":{\"gpLeadership\":[", "]}}")]
    public async Task Submit_JsonNestedTenThousandDeep_400NamingTheBody(string open, string close)
    {
        var body = new StringBuilder().Insert(0, open, 10_000).Insert(open.Length * 10_000, close, 10_000).ToString();

        using var response = await PostJsonAsync(body);
        var errors = await response.ErrorsAsync();

        // An array is refused for not being a form at all; the rest for their depth, wherever it was reached.
        Assert.Equal(["body"], errors.Keys);
        Assert.Contains(
            open == "[" ? "'body' is not in the expected form" : "depth of 64 has been exceeded",
            errors["body"].Single(),
            StringComparison.Ordinal
        );
        Assert.InRange(errors["body"].Single().Length, 1, 300);
        await AssertNothingStoredAsync();
    }

    [Fact]
    public async Task Submit_FieldsOfAMegabyte_400NamingEachField_InAFewWordsEach()
    {
        var megabyte = new string('x', 1024 * 1024);
        var form = Forms.Valid();
        form["consortiumName"] = megabyte;
        form["shaCode"] = megabyte;
        form["leadGp"]!["email"] = megabyte;
        form["evidence"]!["gpLeadership"] = megabyte;
        form["evidence"]!["qippContribution"] = megabyte;

        var clock = Stopwatch.StartNew();
        using var response = await _app.Intake().PostAsJsonAsync("/api/applications", form);
        var errors = await response.ErrorsAsync();

        Assert.InRange(clock.Elapsed, TimeSpan.Zero, Quickly);
        Assert.Equal(
            ["consortiumName", "evidence.gpLeadership", "evidence.qippContribution", "leadGp.email", "shaCode"],
            errors.Keys.Order(StringComparer.Ordinal)
        );
        Assert.Equal(
            "The consortium name is 1,048,576 characters long; keep it to 200.",
            errors["consortiumName"].Single()
        );
        Assert.All(errors.Values.SelectMany(m => m), message => Assert.InRange(message.Length, 1, 300));
        Assert.InRange(response.Content.Headers.ContentLength ?? 0, 1, 4_000);
        await AssertNothingStoredAsync();
    }

    private async Task<HttpResponseMessage> PostJsonAsync(string json)
    {
        using var content = new StringContent(json, Encoding.UTF8, "application/json");
        return await _app.Intake().PostAsync(new Uri("/api/applications", UriKind.Relative), content);
    }

    private async Task AssertNothingStoredAsync()
    {
        Assert.Empty((await _app.National().GetFromJsonAsync<JsonArray>("/api/applications"))!);
        Assert.Empty(_app.Mail());
    }
}
