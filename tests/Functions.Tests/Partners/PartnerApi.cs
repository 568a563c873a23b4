using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace Pathfinder.Functions.Tests.Partners;

/// <summary>The national team's calls to /api/partners, as a script would make them.</summary>
public static class PartnerApi
{
    public static async Task<(JsonObject Partner, string ETag)> PartnerAsync(this HttpClient national, string id)
    {
        ArgumentNullException.ThrowIfNull(national);
        using var response = await national.GetAsync(new Uri($"/api/partners/{id}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await response.Content.ReadFromJsonAsync<JsonObject>())!, response.Headers.ETag!.ToString());
    }

    public static async Task<HttpResponseMessage> ChangePartnerAsync(
        this HttpClient national,
        string id,
        object body,
        string? ifMatch
    )
    {
        ArgumentNullException.ThrowIfNull(national);
        using var request = new HttpRequestMessage(HttpMethod.Put, new Uri($"/api/partners/{id}", UriKind.Relative))
        {
            Content = JsonContent.Create(body),
        };
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }
        return await national.SendAsync(request);
    }

    public static async Task<HttpResponseMessage> RemovePartnerAsync(
        this HttpClient national,
        string id,
        string? ifMatch
    )
    {
        ArgumentNullException.ThrowIfNull(national);
        using var request = new HttpRequestMessage(HttpMethod.Delete, new Uri($"/api/partners/{id}", UriKind.Relative));
        if (ifMatch is not null)
        {
            request.Headers.IfMatch.Add(EntityTagHeaderValue.Parse(ifMatch));
        }
        return await national.SendAsync(request);
    }

    /// <summary>The partner's addresses, as the API gives them.</summary>
    public static IReadOnlyList<string> Addresses(this JsonObject partner) =>
        [.. (partner["partner"] ?? partner)["addresses"]!.AsArray().Select(a => a!.GetValue<string>())];
}
