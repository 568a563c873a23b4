using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using Pathfinder.Durable;
using Pathfinder.Durable.Storage;

namespace Pathfinder.Testing.Durable;

/// <summary>
/// One "process" running the runtime: its own service provider, worker and client over a store that
/// may be shared with other hosts (to model restarts and several app instances).
/// </summary>
public sealed class DurableHost : IAsyncDisposable
{
    private readonly ServiceProvider _services;

    private DurableHost(ServiceProvider services)
    {
        _services = services;
    }

    public DurableTaskClient Client => _services.GetRequiredService<DurableTaskClient>();

    public DurableTaskWorker Worker => _services.GetRequiredService<DurableTaskWorker>();

    public IOrchestrationStore Store => _services.GetRequiredService<IOrchestrationStore>();

    /// <summary>A host over an in-memory store (pass the same store to model a restart).</summary>
    public static DurableHost InMemory(TimeProvider clock, IOrchestrationStore store, Action<DurableTaskRegistry> register,
        Action<IServiceCollection>? configure = null) =>
        Build(clock, register, configure, b => b.Services.AddSingleton(store));

    /// <summary>A host over Table Storage in the given task hub, with optional policies on every storage request.</summary>
    public static DurableHost OnTables(string connectionString, string taskHub, TimeProvider clock,
        Action<DurableTaskRegistry> register, Action<IServiceCollection>? configure = null,
        params HttpPipelinePolicy[] policies)
    {
        var options = QuietClientOptions();
        foreach (var policy in policies)
        {
            options.AddPolicy(policy, HttpPipelinePosition.PerRetry);
        }
        // Tests want to see a failure at once, not after the SDK's own retries.
        options.Retry.MaxRetries = 0;
        return Build(clock, register, configure, b => b.UseTableStorage(_ => new TableServiceClient(connectionString, options)),
            taskHub);
    }

    /// <summary>Client options without the SDK's per-request logging and tracing (nobody listens in tests).</summary>
    public static TableClientOptions QuietClientOptions()
    {
        var options = new TableClientOptions();
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Diagnostics.IsTelemetryEnabled = false;
        return options;
    }

    /// <summary>A fake clock at a fixed, realistic start (the programme opened in October 2010).</summary>
    public static FakeTimeProvider NewClock() => new(new DateTimeOffset(2010, 10, 26, 9, 0, 0, TimeSpan.Zero));

    public async ValueTask DisposeAsync() => await _services.DisposeAsync();

    private static DurableHost Build(TimeProvider clock, Action<DurableTaskRegistry> register,
        Action<IServiceCollection>? configure, Action<DurableTaskBuilder> storage, string taskHub = "Durable")
    {
        var services = new ServiceCollection();
        services.AddSingleton(clock);
        configure?.Invoke(services);
        services.TryAddSingleton<EffectLog>();
        services.AddLogging();
        services.Configure<DurableTaskOptions>(o => o.TaskHub = taskHub);
        storage(services.AddDurableTask(register));
        return new DurableHost(services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true }));
    }
}
