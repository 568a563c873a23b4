using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Api;

/// <summary>GET /api/notifications: the national team's view of the outbox.</summary>
public sealed class NotificationEndpointTests(PathfinderApp app) : IClassFixture<PathfinderApp>
{
    [Fact]
    public async Task Notifications_Failed_AsNational_Is200AndEmptyWhenAllWereSent()
    {
        var id = await app.Intake().SubmitAsync(Forms.Valid("Q33"));
        // The acknowledgement and the SHA's notice go out in the orchestration's first steps.
        var sent = await Eventually.UntilAsync(
            "the application's first two emails to be sent",
            TimeSpan.FromSeconds(30),
            async () => (await app.National().GetFromJsonAsync<JsonArray>("/api/notifications?status=sent"))!,
            all => all.Count(n => n!["instanceId"]!.GetValue<string>() == id) >= 2,
            all => all.ToJsonString()
        );

        var failed = (await app.National().GetFromJsonAsync<JsonArray>("/api/notifications?status=failed"))!;

        Assert.Empty(failed);
        Assert.NotEmpty(sent);
    }

    [Fact]
    public async Task Notifications_ForReviewer_Are403()
    {
        using var response = await app.Reviewer("Q33")
            .GetAsync(new Uri("/api/notifications?status=failed", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Notifications_WithoutToken_Are401()
    {
        using var response = await app.CreateClient()
            .GetAsync(new Uri("/api/notifications?status=failed", UriKind.Relative));

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Notifications_WithUnknownStatus_Is400NamingStatus()
    {
        using var response = await app.National().GetAsync(new Uri("/api/notifications?status=lost", UriKind.Relative));

        Assert.Equal(["status"], (await response.ErrorsAsync()).Keys);
    }
}
