using Azure.Storage.Blobs;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>Registers the email intake: options, the archive's Blob Storage client and the intake's services.</summary>
public static class EmailIntakeSetup
{
    public static IServiceCollection AddEmailIntake(this IServiceCollection services, IConfiguration configuration)
    {
        services
            .AddOptions<EmailIntakeOptions>()
            .Bind(configuration.GetSection(EmailIntakeOptions.SectionName))
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // The same storage account as the tables (AzureWebJobsStorage); Azurite serves blobs too.
        services.TryAddSingleton(sp =>
        {
            var options = new BlobClientOptions();
            options.Diagnostics.IsLoggingEnabled = false;
            return sp.GetRequiredService<StorageConnection>()
                .CreateBlobServiceClient(sp.GetRequiredService<Azure.Core.TokenCredential>(), options);
        });
        services.AddSingleton(sp => new InboundArchive(
            sp.GetRequiredService<BlobServiceClient>(),
            ContainerName(sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix)
        ));
        services.AddSingleton<InboundEmails>();
        services.AddSingleton<InboundEmailReceiver>();
        services.AddSingleton<InboundEmailProcessor>();
        services.AddSingleton<InboundEmailCommands>();
        return services;
    }

    /// <summary><c>{table prefix}inbound</c> in lower case, as container names must be.</summary>
    public static string ContainerName(string tablePrefix) => (tablePrefix + "inbound").ToLowerInvariant();
}
