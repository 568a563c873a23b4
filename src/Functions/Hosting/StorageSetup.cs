using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Pathfinder.Functions.Hosting;

/// <summary>One Table Storage client for the whole app, from <c>AzureWebJobsStorage</c>.</summary>
public static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Configure(o =>
            {
                o.ConnectionString = configuration[StorageOptions.ConnectionSetting] ?? o.ConnectionString;
                o.TablePrefix = configuration["Storage:TablePrefix"] ?? o.TablePrefix;
            })
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = new TableClientOptions();
            // Request logging is for diagnosing the SDK itself; the app logs what matters to an operator.
            options.Diagnostics.IsLoggingEnabled = false;
            return new TableServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, options);
        });
        services.AddSingleton(sp => new ProgrammeTables(sp.GetRequiredService<TableServiceClient>(),
            sp.GetRequiredService<IOptions<StorageOptions>>().Value.TablePrefix));
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
