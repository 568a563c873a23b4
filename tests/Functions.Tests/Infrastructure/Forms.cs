using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pathfinder.Functions.Tests.Infrastructure;

/// <summary>Expressions of interest as applicants send them.</summary>
public static class Forms
{
    private static int _practiceSeed = 10000;

    /// <summary>A complete, valid form for an SHA, with practice codes no other test uses.</summary>
    public static JsonObject Valid(string sha = "Q35", string consortium = "Fenland Health Consortium", int practices = 3,
        params string[] practiceCodes)
    {
        var codes = practiceCodes.Length > 0
            ? practiceCodes
            : [.. Enumerable.Range(0, practices).Select(_ => $"D{Interlocked.Increment(ref _practiceSeed) % 100000:D5}")];
        return new JsonObject
        {
            ["consortiumName"] = consortium,
            ["shaCode"] = sha,
            ["pctNames"] = new JsonArray("NHS Cambridgeshire"),
            ["leadGp"] = new JsonObject { ["name"] = "Dr Jane Lead", ["email"] = "jane.lead@fenland.example.nhs.uk", ["phone"] = "01354 123456" },
            ["practices"] = new JsonArray([.. codes.Select((c, i) => (JsonNode)new JsonObject
            {
                ["code"] = c, ["name"] = $"Practice {i + 1}", ["listSize"] = "8500",
            })]),
            ["localAuthority"] = "Cambridgeshire County Council",
            ["evidence"] = new JsonObject
            {
                ["gpLeadership"] = "All member practices signed the consortium agreement; a GP board was elected.",
                ["localAuthorityEngagement"] = "Joint commissioning group with the county council meets monthly.",
                ["qippContribution"] = "Leads the local urgent care QIPP workstream.",
            },
            ["supportNeeds"] = new JsonArray("governance models", "clinical and financial risk"),
            ["areasOfWork"] = new JsonArray("urgent care", "long-term conditions"),
            ["proposedGoLive"] = "2011-04-01",
            ["researchEvaluationOptIn"] = true,
        };
    }

    public static async Task<string> SubmitAsync(this HttpClient intake, JsonObject form)
    {
        var response = await intake.PostAsJsonAsync("/api/applications", form);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
    }

    /// <summary>A decision body: all three criteria as given.</summary>
    public static JsonObject Decision(string outcome, bool gp = true, bool la = true, bool qipp = true, string? comments = null) => new()
    {
        ["outcome"] = outcome,
        ["criteria"] = new JsonObject
        {
            ["gpLeadership"] = new JsonObject { ["demonstrated"] = gp, ["note"] = gp ? "clear" : "only two of nine practices support it" },
            ["localAuthorityEngagement"] = new JsonObject { ["demonstrated"] = la, ["note"] = la ? "good" : "no contact with the council yet" },
            ["qippContribution"] = new JsonObject { ["demonstrated"] = qipp, ["note"] = qipp ? "good" : "no QIPP plan" },
        },
        ["comments"] = comments,
    };
}
