using Azure.Data.Tables;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Pathfinder.Durable.Execution;
using Pathfinder.Durable.Storage;
using Pathfinder.Durable.Storage.Table;

namespace Pathfinder.Durable;

/// <summary>Registers the runtime: <c>services.AddDurableTask(r => ...).UseTableStorage(...)</c>.</summary>
public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the client, the worker and the given orchestrators and activities. Choose a store with
    /// <see cref="DurableTaskBuilder.UseTableStorage"/> or <see cref="DurableTaskBuilder.UseInMemoryStorage"/>.
    /// </summary>
    public static DurableTaskBuilder AddDurableTask(this IServiceCollection services,
        Action<DurableTaskRegistry> configure)
    {
        var registry = new DurableTaskRegistry();
        configure(registry);
        services.AddSingleton(registry);
        foreach (var type in registry.RegisteredTypes)
        {
            services.TryAddTransient(type);
        }
        services.AddOptions<DurableTaskOptions>().ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(DataConverter.Default);
        services.TryAddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.TryAdd(ServiceDescriptor.Singleton(typeof(ILogger<>), typeof(Logger<>)));
        services.TryAddSingleton<OrchestrationExecutor>();
        services.TryAddSingleton(sp => new DurableTaskWorker(sp.GetRequiredService<IOrchestrationStore>(),
            sp.GetRequiredService<OrchestrationExecutor>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<IOptions<DurableTaskOptions>>(), sp.GetRequiredService<ILogger<DurableTaskWorker>>()));
        services.TryAddSingleton<DurableTaskClient>();
        return new DurableTaskBuilder(services);
    }
}

/// <summary>Chooses where the runtime keeps its state.</summary>
public sealed class DurableTaskBuilder(IServiceCollection services)
{
    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>Keeps state in Azure Table Storage, in tables named after <see cref="DurableTaskOptions.TaskHub"/>.</summary>
    public DurableTaskBuilder UseTableStorage(Func<IServiceProvider, TableServiceClient> tableService)
    {
        Services.AddSingleton<IOrchestrationStore>(sp => new TableOrchestrationStore(tableService(sp),
            sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value.TaskHub,
            sp.GetRequiredService<DataConverter>(), sp.GetRequiredService<TimeProvider>()));
        return this;
    }

    /// <summary>Keeps state in this process only: for unit tests.</summary>
    public DurableTaskBuilder UseInMemoryStorage()
    {
        Services.AddSingleton<IOrchestrationStore>(new InMemoryOrchestrationStore());
        return this;
    }
}
