using System.Text.Json.Nodes;

namespace Pathfinder.Testing;

/// <summary>The JSON of a complete, valid expression of interest, as the tests and browser tests submit it.</summary>
public static class ApplicationForms
{
    public static JsonObject Valid(string sha, string consortium, IReadOnlyList<string> practiceCodes)
    {
        ArgumentNullException.ThrowIfNull(practiceCodes);
        return new JsonObject
        {
            ["consortiumName"] = consortium,
            ["shaCode"] = sha,
            ["pctNames"] = new JsonArray("NHS Cambridgeshire"),
            ["leadGp"] = new JsonObject
            {
                ["name"] = "Dr Jane Lead",
                ["email"] = "jane.lead@fenland.example.nhs.uk",
                ["phone"] = "01354 123456",
            },
            ["practices"] = new JsonArray([
                .. practiceCodes.Select(
                    (c, i) =>
                        (JsonNode)
                            new JsonObject
                            {
                                ["code"] = c,
                                ["name"] = $"Practice {i + 1}",
                                ["listSize"] = "8500",
                            }
                ),
            ]),
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
}
