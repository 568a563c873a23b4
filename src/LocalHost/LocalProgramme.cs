using System.Net;
using System.Net.Sockets;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.Extensions.Configuration.Memory;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Composition;
using Pathfinder.Functions.Demo;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.LocalHost;

/// <summary>
/// Builds the local host: one ASP.NET Core process that serves the Functions app's HTTP functions at their routes and
/// runs its orchestrators, activities and timers on the Durable backend, with the app's own service registrations.
/// It holds no behaviour of its own beyond what the Functions host provides in Azure.
/// </summary>
public static class LocalProgramme
{
    public const string DefaultUrl = "http://127.0.0.1:7071";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        // host.json below everything else, under the name the Functions host gives it, so settings override it alike.
        builder.Configuration.Sources.Insert(0, HostJson(Path.Combine(AppContext.BaseDirectory, "host.json")));
        configure?.Invoke(builder);

        // Two endpoints: the app's (--urls or PATHFINDER_URL, HTTP/1.1) and the Durable client's gRPC (h2c, loopback
        // only).
        var url = new Uri(
            (builder.Configuration["urls"] ?? Environment.GetEnvironmentVariable("PATHFINDER_URL") ?? DefaultUrl)
                .Split(';')[0]
                .Replace("localhost", "127.0.0.1", StringComparison.OrdinalIgnoreCase)
        );
        // The gRPC endpoint is a Unix socket of its own: a free TCP port picked before binding can be taken by
        // another process in between (it happened in CI), a fresh socket path cannot.
        var grpcSocket = Path.Combine(Path.GetTempPath(), $"pathfinder-{Guid.NewGuid():N}.sock");
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Listen(IPAddress.Parse(url.Host), url.Port, o => o.Protocols = HttpProtocols.Http1);
            k.ListenUnixSocket(grpcSocket, o => o.Protocols = HttpProtocols.Http2);
        });
        builder.Services.AddSingleton(FunctionCatalog.Of(typeof(ApplicationFunctions).Assembly));
        builder
            .Services.AddOptions<FunctionKeyOptions>()
            .BindConfiguration(FunctionKeyOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        builder.Services.AddProgramme(builder.Configuration);
        builder.Services.AddPlatformEmulation();
        builder.Services.AddDurableBackend(grpcSocket);
        builder.Services.AddHostedService<TimerFunctions>();

        var app = builder.Build();
        app.Lifetime.ApplicationStopped.Register(() => File.Delete(grpcSocket));
        // First, so every answer carries them, even the exception handler's and the function key refusal.
        app.Use(
            (context, next) =>
            {
                SecurityHeaders.Apply(context);
                return next(context);
            }
        );
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        app.MapGrpcService<TaskHubGrpcServer>();
        app.MapFunctions(app.Services.GetRequiredService<FunctionCatalog>(), app.Configuration);
        if (app.Configuration.GetValue<bool>("Demo:Load"))
        {
            app.Lifetime.ApplicationStarted.Register(() => _ = LoadDemoAsync(app));
        }
        return app;
    }

    private static async Task LoadDemoAsync(WebApplication app)
    {
        try
        {
            await app
                .Services.GetRequiredService<DemoProgramme>()
                .LoadAsync(app.Services.GetRequiredService<DurableTaskClient>(), app.Lifetime.ApplicationStopping);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            app.Logger.LogError(e, "The demo programme could not be loaded");
        }
    }

    /// <summary>host.json as configuration under <c>AzureFunctionsJobHost</c>.</summary>
    private static MemoryConfigurationSource HostJson(string path) =>
        new()
        {
            InitialData = new ConfigurationBuilder()
                .AddJsonFile(path, optional: false)
                .Build()
                .AsEnumerable()
                .Where(kv => kv.Value is not null)
                .Select(kv => new KeyValuePair<string, string?>("AzureFunctionsJobHost:" + kv.Key, kv.Value)),
        };
}
