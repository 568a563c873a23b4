using Azure.Core;
using Azure.Data.Tables;
using Azure.Identity;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Pathfinder.Functions.Hosting;

/// <summary>One Table Storage client for the whole app, from <c>AzureWebJobsStorage</c> (see <see
/// cref="StorageConnection"/>).</summary>
public static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        // Resolved at start-up (the partner directory is seeded then), so a missing or bad setting stops the app with
        // its name. Only a developer machine falls back to Azurite: in Azure a missing setting is a deployment mistake.
        services.AddSingleton(sp =>
            StorageConnection.From(
                sp.GetRequiredService<IConfiguration>(),
                developmentDefault: sp.GetRequiredService<IHostEnvironment>().IsDevelopment()
            )
        );
        services
            .AddOptions<StorageOptions>()
            .Configure(o => o.TablePrefix = configuration[$"{StorageOptions.SectionName}:TablePrefix"] ?? o.TablePrefix)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        // Managed identity in Azure; a developer's az login elsewhere. Tests replace it with a fake.
        services.TryAddSingleton<TokenCredential>(sp => new DefaultAzureCredential(
            new DefaultAzureCredentialOptions
            {
                ManagedIdentityClientId = sp.GetRequiredService<StorageConnection>().ClientId,
            }
        ));
        services.AddSingleton(sp =>
        {
            var options = new TableClientOptions();
            // Request logging is for diagnosing the SDK itself; the app logs what matters to an operator.
            options.Diagnostics.IsLoggingEnabled = false;
            return sp.GetRequiredService<StorageConnection>()
                .CreateTableServiceClient(sp.GetRequiredService<TokenCredential>(), options);
        });
        services.AddSingleton(sp => new ProgrammeTables(
            sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix
        ));
        return services;
    }
}

/// <summary>The app's tables, named with the configured prefix.</summary>
public sealed class ProgrammeTables(TableServiceClient service, string prefix)
{
    public TableServiceClient Service => service;

    public string Name(string table) => prefix + table;

    public TableClient Client(string table) => service.GetTableClient(Name(table));
}
