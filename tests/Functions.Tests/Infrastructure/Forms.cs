using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Infrastructure;

/// <summary>Expressions of interest as applicants send them.</summary>
public static class Forms
{
    private static int _practiceSeed = 10000;

    private static int _consortiumSeed;

    /// <summary>
    /// A complete, valid form for an SHA, with practice codes no other test uses and, unless named, a consortium name
    /// no other test uses (a consortium has one application under review at a time).
    /// </summary>
    public static JsonObject Valid(
        string sha = "Q35",
        string? consortium = null,
        int practices = 3,
        params string[] practiceCodes
    )
    {
        consortium ??= $"Fenland Health Consortium {Interlocked.Increment(ref _consortiumSeed)}";
        return ApplicationForms.Valid(
            sha,
            consortium,
            practiceCodes.Length > 0
                ? practiceCodes
                :
                [
                    .. Enumerable
                        .Range(0, practices)
                        .Select(_ => $"D{Interlocked.Increment(ref _practiceSeed) % 100000:D5}"),
                ]
        );
    }

    /// <summary>Submits a form, expecting 202, and returns its reference once its orchestration has registered
    /// it.</summary>
    public static async Task<string> SubmitAsync(this IntakeClient intake, JsonObject form)
    {
        ArgumentNullException.ThrowIfNull(intake);
        using var response = await intake.PostAsJsonAsync("/api/applications", form);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, response.StatusCode);
        var id = (await response.Content.ReadFromJsonAsync<JsonObject>())!["id"]!.GetValue<string>();
        await intake.App.WaitUntilRegisteredAsync(id);
        return id;
    }

    /// <summary>A decision body: all three criteria as given.</summary>
    public static JsonObject Decision(
        string outcome,
        bool gp = true,
        bool la = true,
        bool qipp = true,
        string? comments = null
    ) =>
        new()
        {
            ["outcome"] = outcome,
            ["criteria"] = new JsonObject
            {
                ["gpLeadership"] = new JsonObject
                {
                    ["demonstrated"] = gp,
                    ["note"] = gp ? "clear" : "only two of nine practices support it",
                },
                ["localAuthorityEngagement"] = new JsonObject
                {
                    ["demonstrated"] = la,
                    ["note"] = la ? "good" : "no contact with the council yet",
                },
                ["qippContribution"] = new JsonObject
                {
                    ["demonstrated"] = qipp,
                    ["note"] = qipp ? "good" : "no QIPP plan",
                },
            },
            ["comments"] = comments,
        };
}
