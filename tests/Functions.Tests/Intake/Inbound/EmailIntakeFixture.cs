using System.Net.Http.Json;
using System.Text.Json.Nodes;
using MimeKit;
using Pathfinder.Functions.Tests.Infrastructure;
using Pathfinder.Testing;

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

    /// <summary>
    /// Posts and returns the webhook's receipt (id, status, applicationReference); for an email that started an
    /// application, once its orchestration has registered it.
    /// </summary>
    public static async Task<JsonObject> ReceiveAsync(this PathfinderApp app, InboundParsePost email)
    {
        using var response = await app.PostEmailAsync(email);
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var receipt = (await response.Content.ReadFromJsonAsync<JsonObject>())!;
        if (receipt.Status() is "started" or "released")
        {
            await app.WaitUntilRegisteredAsync(receipt["applicationReference"]!.GetValue<string>());
        }
        return receipt;
    }

    /// <summary>The messages to <paramref name="address"/> once there are <paramref name="count"/> (at most 30
    /// s).</summary>
    public static Task<IReadOnlyList<MimeMessage>> MailToEventuallyAsync(
        this PathfinderApp app,
        string address,
        int count = 1
    ) =>
        Eventually.UntilAsync(
            $"{count} emails to reach {address}",
            TimeSpan.FromSeconds(30),
            () => app.MailTo(address),
            mail => mail.Count >= count,
            mail => $"{mail.Count} emails"
        );

    public static async Task<JsonObject> InboundAsync(this PathfinderApp app, string id) =>
        (await app.National().GetFromJsonAsync<JsonObject>($"/api/inbound/{id}"))!;

    /// <summary>Every message sent to <paramref name="address"/>, parsed.</summary>
    public static IReadOnlyList<MimeMessage> MailTo(this PathfinderApp app, string address) =>
        [
            .. app.Mail()
                .Select(raw => MimeMessage.Load(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(raw))))
                .Where(m =>
                    m.To.Mailboxes.Any(b => string.Equals(b.Address, address, StringComparison.OrdinalIgnoreCase))
                ),
        ];

    public static string Status(this JsonObject node) => node["status"]!.GetValue<string>();
}
