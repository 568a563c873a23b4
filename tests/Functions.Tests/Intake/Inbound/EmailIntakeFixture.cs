using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MimeKit;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Intake.Inbound;

/// <summary>Posting Inbound Parse emails to the real app, and reading what it answered.</summary>
internal static class EmailIntakeFixture
{
    public const string Webhook = "/api/inbound/email?code=" + PathfinderApp.IntakeKey;

    public static async Task<HttpResponseMessage> PostEmailAsync(this PathfinderApp app, InboundParsePost email)
    {
        using var content = email.Build();
        return await app.CreateClient().PostAsync(Webhook, content);
    }

    /// <summary>Posts and returns the webhook's receipt (id, status, applicationReference).</summary>
    public static async Task<JsonObject> ReceiveAsync(this PathfinderApp app, InboundParsePost email)
    {
        var response = await app.PostEmailAsync(email);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        return (await response.Content.ReadFromJsonAsync<JsonObject>())!;
    }

    public static async Task<JsonObject> InboundAsync(this PathfinderApp app, string id) =>
        (await app.National().GetFromJsonAsync<JsonObject>($"/api/inbound/{id}"))!;

    /// <summary>Every message sent to <paramref name="address"/>, parsed.</summary>
    public static IReadOnlyList<MimeMessage> MailTo(this PathfinderApp app, string address) =>
        [.. app.Mail().Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw))))
            .Where(m => m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase)))];

    public static string Status(this JsonObject node) => node["status"]!.GetValue<string>();
}
