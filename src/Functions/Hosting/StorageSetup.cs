using Azure.Data.Tables;
using Microsoft.Extensions.Options;

namespace Pathfinder.Functions.Hosting;

/// <summary>One Table Storage client for the whole app, from <c>AzureWebJobsStorage</c>.</summary>
public static class StorageSetup
{
    public static IServiceCollection AddStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Configure(o => o.ConnectionString = configuration[StorageOptions.ConnectionSetting] ?? o.ConnectionString)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = new TableClientOptions();
            // Request logging is for diagnosing the SDK itself; the app logs what matters to an operator.
            options.Diagnostics.IsLoggingEnabled = false;
            return new TableServiceClient(sp.GetRequiredService<IOptions<StorageOptions>>().Value.ConnectionString, options);
        });
        return services;
    }
}
