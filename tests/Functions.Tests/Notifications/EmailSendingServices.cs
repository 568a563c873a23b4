using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>The app's email registration as the app makes it, with a test clock and captured logs.</summary>
public static class EmailSendingServices
{
    public static ServiceProvider Build(
        IDictionary<string, string?> settings,
        TimeProvider clock,
        CapturedLogs? logs = null,
        Action<IServiceCollection>? configure = null
    )
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddLogging(b =>
        {
            b.SetMinimumLevel(LogLevel.Trace);
            if (logs is not null)
            {
                b.AddProvider(logs);
            }
        });
        services.AddSingleton(clock);
        services.AddEmailSending(configuration);
        configure?.Invoke(services);
        return services.BuildServiceProvider(
            new ServiceProviderOptions { ValidateScopes = true, ValidateOnBuild = true }
        );
    }

    public static EmailMessage Acknowledgement(string? idempotencyKey = "eoi-2010-0042/acknowledge") =>
        new(
            [new EmailAddress("lead.gp@d81001.nhs.uk", "Dr Anna Lead")],
            "Expression of interest received: Cambridge Association to Commission Health",
            "East of England SHA will consider it within four weeks.",
            "<p>East of England SHA will consider it within four weeks.</p>"
        )
        {
            Categories = ["acknowledgement"],
            IdempotencyKey = idempotencyKey,
        };
}
