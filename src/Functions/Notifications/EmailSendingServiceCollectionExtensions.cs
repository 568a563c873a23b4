using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pathfinder.Functions.Notifications;

public static class EmailSendingServiceCollectionExtensions
{
    /// <summary>
    /// Registers <see cref="IEmailSender"/>: SendGrid when SendGrid:ApiKey is set, otherwise the pickup directory,
    /// which is the local default. Also registers <see cref="EmailSendingMode"/> for the start-up log line.
    /// </summary>
    public static IServiceCollection AddEmailSending(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);

        services
            .AddOptions<SendGridOptions>()
            .Bind(configuration.GetSection(SendGridOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services
            .AddOptions<NotificationsOptions>()
            .Bind(configuration.GetSection(NotificationsOptions.SectionName))
            .PostConfigure(o =>
            {
                if (!string.IsNullOrWhiteSpace(o.PickupDirectory))
                {
                    o.PickupDirectory = Path.GetFullPath(o.PickupDirectory);
                }
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);

        var apiKey = configuration.GetSection(SendGridOptions.SectionName)[nameof(SendGridOptions.ApiKey)];
        if (!string.IsNullOrWhiteSpace(apiKey))
        {
            services
                .AddHttpClient<IEmailSender, SendGridEmailSender>()
                // The Authorization header holds the API key: no header value is ever written to the logs.
                .RedactLoggedHeaders(_ => true);
            services.AddSingleton(sp => new EmailSendingMode(
                EmailTransport.SendGrid,
                sp.GetRequiredService<IOptions<SendGridOptions>>().Value.BaseUrl.AbsoluteUri
            ));
        }
        else
        {
            services.AddSingleton<IEmailSender, PickupDirectoryEmailSender>();
            services.AddSingleton(sp => new EmailSendingMode(
                EmailTransport.PickupDirectory,
                sp.GetRequiredService<IOptions<NotificationsOptions>>().Value.PickupDirectory
            ));
        }

        return services;
    }
}
