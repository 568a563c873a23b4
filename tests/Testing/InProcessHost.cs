using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Hosting;
using Pathfinder.LocalHost;

namespace Pathfinder.Testing;

/// <summary>
/// The local host in this process, on a free loopback port and the shared Azurite, with its own tables and task hub
/// (named by <c>prefix</c>), mail in a pickup folder and the test token settings. Each setting says why it differs.
/// <c>configure</c> runs last, for what settings cannot say (a logger provider, say).
/// </summary>
public static class InProcessHost
{
    public static async Task<WebApplication> StartAsync(
        string prefix,
        string pickupDirectory,
        IEnumerable<KeyValuePair<string, string?>> settings,
        Action<WebApplicationBuilder>? configure = null,
        string environment = "Testing"
    )
    {
        // The environment is a host setting: given at start, as --environment, so everything built from it agrees.
        var app = LocalProgramme.Build(["--urls", "http://127.0.0.1:0", "--environment", environment], builder =>
        {
            var configuration = new Dictionary<string, string?>
            {
                ["AzureWebJobsStorage"] = Azurite.Shared.ConnectionString,
                // Own tables and task hub, so tests share one Azurite without seeing each other's data.
                ["Storage:TablePrefix"] = prefix,
                ["AzureFunctionsJobHost:extensions:durableTask:hubName"] = prefix + "Hub",
                // One partition: a test's few instances need no more, and the worker starts sooner.
                ["AzureFunctionsJobHost:extensions:durableTask:storageProvider:partitionCount"] = "1",
                ["Intake:Key"] = TestTokens.IntakeKey,
                // Warnings and errors only: tests and benchmarks read their own output.
                ["Logging:LogLevel:Default"] = "Warning",
                // The backend warns of every message it retries (routine under load); its errors still show.
                ["Logging:LogLevel:DurableTask.AzureStorage"] = "Error",
                // The example partners (a real deployment starts with none): the workflows' mail has somewhere to go.
                ["Partners:LoadExamples"] = "true",
                // No SendGrid key: mail goes to .eml files, as on a developer machine.
                ["Notifications:PickupDirectory"] = pickupDirectory,
            };
            // The caller's settings win over these.
            foreach (
                var (key, value) in TestTokens
                    .Settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))
                    .Concat(settings)
            )
            {
                configuration[key] = value;
            }
            builder.Configuration.AddInMemoryCollection(configuration);
            configure?.Invoke(builder);
        });
        await app.StartAsync();
        return app;
    }

    /// <summary>The app's own address (not the Durable client's gRPC socket, http://unix:/…).</summary>
    public static Uri Address(this WebApplication app) =>
        new(app.Urls.First(u => u.StartsWith("http://127.0.0.1", StringComparison.Ordinal)));
}
