using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Time.Testing;

namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>The fake SendGrid must be able to say no, or the sender tests that pass against it prove nothing.</summary>
public sealed class FakeSendGridServerTests
{
    private const string ApiKey = "SG.fake";

    private const string ValidBody = """
        {
          "personalizations": [{ "to": [{ "email": "lead.gp@d81001.nhs.uk" }] }],
          "from": { "email": "pathfinders@onboarding.example.nhs.uk" },
          "subject": "Hello",
          "content": [{ "type": "text/plain", "value": "Hi" }, { "type": "text/html", "value": "<p>Hi</p>" }]
        }
        """;

    [Fact]
    public async Task ValidRequest_IsAccepted()
    {
        var (status, _) = await PostAsync(ValidBody);

        Assert.Equal(HttpStatusCode.Accepted, status);
    }

    [Fact]
    public async Task HtmlBeforeText_IsRejectedWithSendGridShapedError()
    {
        var body = JsonNode.Parse(ValidBody)!;
        body["content"] = JsonNode.Parse(
            """
            [{ "type": "text/html", "value": "<p>Hi</p>" }, { "type": "text/plain", "value": "Hi" }]
            """
        );

        var (status, errors) = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(errors, e =>
            e!["field"]?.GetValue<string>() == "content"
            && e["message"]!.GetValue<string>().Contains("text/plain first", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task SameAddressTwiceInOnePersonalization_IsRejected()
    {
        var body = JsonNode.Parse(ValidBody)!;
        body["personalizations"]![0]!["cc"] = JsonNode.Parse("""[{ "email": "Lead.GP@d81001.nhs.uk" }]""");

        var (status, errors) = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(errors, e => e!["field"]?.GetValue<string>() == "personalizations.0");
    }

    [Fact]
    public async Task MoreThanAThousandRecipients_IsRejected()
    {
        var body = JsonNode.Parse(ValidBody)!;
        var to = new JsonArray(
            Enumerable
                .Range(0, 1001)
                .Select(i => (JsonNode?)new JsonObject { ["email"] = $"practice{i}@example.nhs.uk" })
                .ToArray()
        );
        body["personalizations"]![0]!["to"] = to;

        var (status, errors) = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.Contains(errors, e =>
            e!["message"]!.GetValue<string>().Contains("1000 total recipients", StringComparison.Ordinal)
        );
    }

    [Fact]
    public async Task SchemaViolation_MissingFromEmail_IsRejected()
    {
        var body = JsonNode.Parse(ValidBody)!;
        body["from"] = new JsonObject { ["name"] = "No address" };

        var (status, errors) = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        Assert.NotEmpty(errors);
    }

    [Theory]
    [InlineData("from", "GP consortia pathfinder programme, Department of Health")]
    [InlineData("reply_to", "Pathfinder team; East of England SHA")]
    [InlineData("to", "GP consortia pathfinder programme, Department of Health")]
    [InlineData("cc", "Lead, Anna")]
    [InlineData("bcc", "Cambridgeshire LMC; secretary")]
    public async Task NameWithCommaOrSemicolon_IsRejectedWithSendGridShapedError(string where, string name)
    {
        var body = JsonNode.Parse(ValidBody)!;
        var address = new JsonObject { ["email"] = "partners@dh.example.gov.uk", ["name"] = name };
        var field = where is "from" or "reply_to" ? $"{where}.name" : $"personalizations.0.{where}.0.name";
        if (where is "from" or "reply_to")
        {
            body[where] = address;
        }
        else
        {
            body["personalizations"]![0]![where] = new JsonArray(address);
        }

        var (status, errors) = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.BadRequest, status);
        var error = Assert.Single(errors);
        Assert.Equal(field, error!["field"]!.GetValue<string>());
        Assert.Equal($"The {where} name cannot contain ';' or ','.", error["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task NameWithoutCommaOrSemicolon_IsAccepted()
    {
        var body = JsonNode.Parse(ValidBody)!;
        body["personalizations"]![0]!["to"]![0]!["name"] = "GP consortia pathfinder programme - Department of Health";

        var (status, _) = await PostAsync(body.ToJsonString());

        Assert.Equal(HttpStatusCode.Accepted, status);
    }

    [Fact]
    public async Task WrongApiKey_IsUnauthorized()
    {
        var (status, _) = await PostAsync(ValidBody, apiKey: "SG.wrong");

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }

    [Fact]
    public async Task NonJsonContentType_IsRejected()
    {
        var (status, _) = await PostAsync(ValidBody, mediaType: "text/plain");

        Assert.Equal(HttpStatusCode.BadRequest, status);
    }

    private static async Task<(HttpStatusCode Status, JsonArray Errors)> PostAsync(
        string body,
        string apiKey = ApiKey,
        string mediaType = "application/json"
    )
    {
        await using var server = await FakeSendGridServer.StartAsync(ApiKey, new FakeTimeProvider());
        using var client = new HttpClient { BaseAddress = server.BaseUrl };
        using var request = new HttpRequestMessage(HttpMethod.Post, FakeSendGridServer.MailSendPath)
        {
            Content = new StringContent(body, Encoding.UTF8, mediaType),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", apiKey);

        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        var errors = text.Length > 0 ? JsonNode.Parse(text)!["errors"]!.AsArray() : [];
        return (response.StatusCode, errors);
    }
}
