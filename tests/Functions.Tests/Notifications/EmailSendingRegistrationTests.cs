using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Notifications;

public sealed class EmailSendingRegistrationTests
{
    [Fact]
    public void NoApiKey_UsesPickupDirectoryUnderTheCurrentDirectory()
    {
        using var services = EmailSendingServices.Build(new Dictionary<string, string?>(), TimeProvider.System);

        var mode = services.GetRequiredService<EmailSendingMode>();

        Assert.IsType<PickupDirectoryEmailSender>(services.GetRequiredService<IEmailSender>());
        Assert.Equal(EmailTransport.PickupDirectory, mode.Transport);
        Assert.Equal(Path.Combine(Directory.GetCurrentDirectory(), ".local", "mail"), mode.Destination);
        Assert.Contains(mode.Destination, mode.Describe(), StringComparison.Ordinal);
    }

    [Fact]
    public void BlankApiKey_IsTreatedAsNoKey()
    {
        using var services = EmailSendingServices.Build(
            new Dictionary<string, string?> { ["SendGrid:ApiKey"] = "  " },
            TimeProvider.System
        );

        Assert.Equal(EmailTransport.PickupDirectory, services.GetRequiredService<EmailSendingMode>().Transport);
    }

    [Fact]
    public void Defaults_MatchTheProgrammesSender()
    {
        using var services = EmailSendingServices.Build(new Dictionary<string, string?>(), TimeProvider.System);

        var options = services.GetRequiredService<IOptions<SendGridOptions>>().Value;

        Assert.Equal(new Uri("https://api.sendgrid.com"), options.BaseUrl);
        Assert.Equal("pathfinders@onboarding.example.nhs.uk", options.FromEmail);
        Assert.Equal("GP Pathfinder Programme", options.FromName);
        Assert.Equal(4, options.MaxAttempts);
        Assert.Null(options.ApiKey);
    }

    [Theory]
    [InlineData("SendGrid:BaseUrl", "api.sendgrid.com")]
    [InlineData("SendGrid:BaseUrl", "ftp://api.sendgrid.com")]
    [InlineData("SendGrid:FromEmail", "not-an-address")]
    [InlineData("SendGrid:MaxAttempts", "0")]
    [InlineData("Notifications:PickupDirectory", "")]
    public async Task InvalidSetting_FailsStartUp(string key, string value)
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?> { ["SendGrid:ApiKey"] = "SG.key", [key] = value }
        );
        builder.Services.AddEmailSending(builder.Configuration);
        using var host = builder.Build();

        var error = await Assert.ThrowsAsync<OptionsValidationException>(() => host.StartAsync());

        Assert.Contains(key.Split(':')[1], error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task EuBaseUrl_StartsUp()
    {
        var builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
        builder.Configuration.AddInMemoryCollection(
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = "SG.key",
                ["SendGrid:BaseUrl"] = "https://api.eu.sendgrid.com",
            }
        );
        builder.Services.AddEmailSending(builder.Configuration);
        using var host = builder.Build();

        await host.StartAsync();
        await host.StopAsync();
    }
}
