using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Infrastructure;

/// <summary>Calls and checks that read like what a reviewer or the national team does.</summary>
public static class Api
{
    public static async Task<JsonObject> ApplicationAsync(this HttpClient client, string id)
    {
        ArgumentNullException.ThrowIfNull(client);
        using var response = await client.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<string> StatusOfAsync(this HttpClient client, string id) =>
        (await client.ApplicationAsync(id))["status"]!.GetValue<string>();

    /// <summary>
    /// The application once <paramref name="until"/> holds of it: commands are answered 202 and applied by the
    /// orchestration within a second or two, so tests wait as a reviewer refreshing the page would (at most 30 s).
    /// </summary>
    public static async Task<JsonObject> EventuallyAsync(
        this HttpClient client,
        string id,
        Func<JsonObject, bool> until,
        TimeSpan? within = null
    )
    {
        ArgumentNullException.ThrowIfNull(until);
        return (
            await Eventually.UntilAsync(
                $"application {id} to reach the expected state",
                within ?? TimeSpan.FromSeconds(30),
                async () =>
                {
                    using var response = await client.GetAsync(new Uri($"/api/applications/{id}", UriKind.Relative));
                    return response.StatusCode == HttpStatusCode.OK
                        ? await response.Content.ReadFromJsonAsync<JsonObject>()
                        : null;
                },
                view => view is not null && until(view),
                view => view?.ToJsonString() ?? "not found"
            )
        )!;
    }

    /// <summary>The application once it has this status.</summary>
    public static Task<JsonObject> WaitForStatusAsync(this HttpClient client, string id, string status) =>
        client.EventuallyAsync(id, v => v["status"]!.GetValue<string>() == status);

    public static async Task<HttpResponseMessage> DecideAsync(this HttpClient client, string id, JsonObject decision)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.PostAsJsonAsync($"/api/applications/{id}/decision", decision);
    }

    /// <summary>Approves, expecting the API to accept it, and waits until the application shows it.</summary>
    public static async Task ApproveAsync(this HttpClient client, string id)
    {
        using var response = await client.DecideAsync(id, Forms.Decision("approved"));
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await client.WaitForStatusAsync(id, "approved");
    }

    public static async Task<HttpResponseMessage> WithdrawAsync(
        this HttpClient client,
        string id,
        string? reason = null
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.PostAsJsonAsync($"/api/applications/{id}/withdrawal", new { reason });
    }

    public static async Task<HttpResponseMessage> SetGoLiveAsync(this HttpClient client, string id, string? date)
    {
        ArgumentNullException.ThrowIfNull(client);
        return await client.PutAsJsonAsync($"/api/applications/{id}/go-live", new { date });
    }

    /// <summary>Schedules a wave as the national team, expecting 201.</summary>
    public static async Task<JsonObject> ScheduleWaveAsync(
        this HttpClient national,
        DateTimeOffset announceAt,
        DateTimeOffset cutoff
    )
    {
        ArgumentNullException.ThrowIfNull(national);
        using var response = await national.PostAsJsonAsync("/api/waves", new { announceAt, cutoff });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<HttpResponseMessage> AnnounceAsync(this HttpClient national, int wave)
    {
        ArgumentNullException.ThrowIfNull(national);
        return await national.PostAsync(new Uri($"/api/waves/{wave}/announcement", UriKind.Relative), null);
    }

    /// <summary>The wave once its orchestration has announced it (at most 30 s).</summary>
    public static async Task<JsonObject> AnnouncedWaveAsync(this HttpClient national, int number)
    {
        ArgumentNullException.ThrowIfNull(national);
        return await Eventually.UntilAsync(
            $"wave {number} to be announced",
            TimeSpan.FromSeconds(30),
            async () => (await national.GetFromJsonAsync<JsonObject>($"/api/waves/{number}"))!,
            wave => wave["status"]!.GetValue<string>() == "announced",
            wave => wave.ToJsonString()
        );
    }

    /// <summary>Asserts an RFC 7807 answer with this status and returns it.</summary>
    public static async Task<JsonObject> ProblemAsync(this HttpResponseMessage response, HttpStatusCode status)
    {
        ArgumentNullException.ThrowIfNull(response);
        Assert.Equal(status, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        Assert.Equal((int)status, problem["status"]!.GetValue<int>());
        return problem;
    }

    /// <summary>Asserts a 400 validation problem and returns its errors by field name.</summary>
    public static async Task<IReadOnlyDictionary<string, string[]>> ErrorsAsync(this HttpResponseMessage response)
    {
        var problem = await response.ProblemAsync(HttpStatusCode.BadRequest);
        var errors = problem["errors"]!.AsObject();
        return errors.ToDictionary(e => e.Key, e => e.Value!.AsArray().Select(m => m!.GetValue<string>()).ToArray());
    }

    public static IEnumerable<string> Ids(this JsonArray list) => list.Select(a => a!["id"]!.GetValue<string>());
}
