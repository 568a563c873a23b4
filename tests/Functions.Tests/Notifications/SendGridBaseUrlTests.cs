using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Notifications;

public sealed class SendGridBaseUrlTests
{
    [Theory]
    [InlineData("https://api.eu.sendgrid.com", "https://api.eu.sendgrid.com/v3/mail/send")]
    [InlineData("https://api.eu.sendgrid.com/", "https://api.eu.sendgrid.com/v3/mail/send")]
    [InlineData(
        "https://mail-proxy.example.nhs.uk/sendgrid",
        "https://mail-proxy.example.nhs.uk/sendgrid/v3/mail/send"
    )]
    public async Task Send_PostsToTheConfiguredBaseUrl(string baseUrl, string expected)
    {
        // No SendGrid is reachable from tests: the client's last handler records the request and answers 202.
        var handler = new RecordingHandler();
        await using var services = EmailSendingServices.Build(
            new Dictionary<string, string?> { ["SendGrid:ApiKey"] = "SG.key", ["SendGrid:BaseUrl"] = baseUrl },
            TimeProvider.System,
            configure: s => s.ConfigureHttpClientDefaults(b => b.ConfigurePrimaryHttpMessageHandler(() => handler))
        );

        var result = await services
            .GetRequiredService<IEmailSender>()
            .SendAsync(EmailSendingServices.Acknowledgement(), CancellationToken.None);

        Assert.True(result.Sent, result.FailureReason);
        Assert.Equal("eu-1", result.ProviderMessageId);
        Assert.Equal(new Uri(expected), Assert.Single(handler.Requests));
    }

    [Fact]
    public void Mode_WithApiKey_DescribesSendGridAndItsAddress()
    {
        using var services = EmailSendingServices.Build(
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = "SG.key",
                ["SendGrid:BaseUrl"] = "https://api.eu.sendgrid.com",
            },
            TimeProvider.System
        );

        var mode = services.GetRequiredService<EmailSendingMode>();

        Assert.Equal(EmailTransport.SendGrid, mode.Transport);
        Assert.IsType<SendGridEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.Contains("https://api.eu.sendgrid.com/", mode.Describe(), StringComparison.Ordinal);
        Assert.DoesNotContain("SG.key", mode.Describe(), StringComparison.Ordinal);
    }

    private sealed class RecordingHandler : HttpMessageHandler
    {
        public List<Uri> Requests { get; } = [];

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken ct)
        {
            Requests.Add(request.RequestUri!);
            var response = new HttpResponseMessage(HttpStatusCode.Accepted);
            response.Headers.Add("X-Message-Id", "eu-1");
            return Task.FromResult(response);
        }
    }
}
