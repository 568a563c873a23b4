using System.Net.Sockets;
using DurableTask.AzureStorage;
using DurableTask.Core;
using DurableTask.Core.Settings;
using Grpc.Net.Client;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.LocalHost;

/// <summary>
/// The Durable backend the Functions host would run, in this process: DurableTask.Core's <see cref="TaskHubWorker"/>
/// on the Azure Storage provider (Azurite locally), dispatching the app's orchestrator and activity functions through
/// the Durable Task SDK's shims, and <see cref="TaskHubGrpcServer"/> serving the SDK's <see cref="DurableTaskClient"/>.
/// This wiring (not the sidecar's own dispatcher) renews activity locks, as the Functions host does, so a slow
/// SendGrid call is never delivered to a second activity run.
/// </summary>
public static class DurableBackend
{
    /// <summary>How long a partition lease lasts: after a crash, a new process waits this long to take over.</summary>
    private static readonly TimeSpan LeaseInterval = TimeSpan.FromSeconds(15);

    public static IServiceCollection AddDurableBackend(this IServiceCollection services, string grpcSocket)
    {
        services
            .AddOptions<DurableHostOptions>()
            .BindConfiguration(DurableHostOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp =>
        {
            var options = sp.GetRequiredService<IOptions<DurableHostOptions>>().Value;
            var connection = sp.GetRequiredService<StorageConnection>();
            return new AzureStorageOrchestrationService(
                new AzureStorageOrchestrationServiceSettings
                {
                    TaskHubName = options.HubName,
                    StorageAccountClientProvider = new StorageAccountClientProvider(
                        connection.ConnectionString
                            ?? throw new InvalidOperationException(
                                "The local host reaches storage by connection string (AzureWebJobsStorage); "
                                    + "identity-based settings are for Azure."
                            )
                    ),
                    LoggerFactory = sp.GetRequiredService<ILoggerFactory>(),
                    PartitionCount = options.StorageProvider.PartitionCount,
                    ControlQueueVisibilityTimeout = options.StorageProvider.ControlQueueVisibilityTimeout,
                    WorkItemQueueVisibilityTimeout = options.StorageProvider.WorkItemQueueVisibilityTimeout,
                    MaxQueuePollingInterval = options.StorageProvider.MaxQueuePollingInterval,
                    MaxConcurrentTaskActivityWorkItems = options.MaxConcurrentActivityFunctions,
                    MaxConcurrentTaskOrchestrationWorkItems = options.MaxConcurrentOrchestratorFunctions,
                    LeaseInterval = LeaseInterval,
                }
            );
        });
        services.AddSingleton<IOrchestrationService>(sp => sp.GetRequiredService<AzureStorageOrchestrationService>());
        services.AddSingleton<IOrchestrationServiceClient>(sp =>
            sp.GetRequiredService<AzureStorageOrchestrationService>()
        );
        services.AddGrpc();
        services.AddSingleton<TaskHubGrpcServer>();
        // The server only answers the client; the TaskHubWorker below does the dispatching.
        services.Configure<TaskHubGrpcServerOptions>(o => o.Mode = TaskHubGrpcServerMode.ApiServerOnly);
        services.AddDurableTaskClient(b =>
        {
            b.UseGrpc(UnixSocketChannel(grpcSocket));
            b.RegisterDirectly();
            // As the Functions host stamps new instances with host.json's defaultVersion (a start may name its own).
            services
                .AddOptions<DurableTaskClientOptions>(b.Name)
                .Configure<IOptions<DurableHostOptions>>(
                    (client, host) => client.DefaultVersion = host.Value.DefaultVersion
                );
        });
        // The shims' options: the pinned timer interval (ProgrammeServices) and the worker's version.
        services
            .AddOptions<DurableTaskWorkerOptions>()
            .Configure<IOptions<DurableHostOptions>>(
                (worker, host) =>
                    worker.Versioning = new DurableTaskWorkerOptions.VersioningOptions
                    {
                        Version = host.Value.DefaultVersion,
                        DefaultVersion = host.Value.DefaultVersion,
                        MatchStrategy = (DurableTaskWorkerOptions.VersionMatchStrategy)host.Value.VersionMatchStrategy,
                        FailureStrategy = (DurableTaskWorkerOptions.VersionFailureStrategy)
                            host.Value.VersionFailureStrategy,
                    }
            );
        services.AddHostedService<FunctionsTaskHubWorker>();
        return services;
    }

    /// <summary>A gRPC channel to the server on <paramref name="path"/>; the address's host is only a label.</summary>
    private static GrpcChannel UnixSocketChannel(string path) =>
        GrpcChannel.ForAddress(
            "http://localhost",
            new GrpcChannelOptions
            {
                HttpHandler = new SocketsHttpHandler
                {
                    ConnectCallback = async (_, cancellation) =>
                    {
                        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
                        try
                        {
                            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancellation);
                            return new NetworkStream(socket, ownsSocket: true);
                        }
                        catch
                        {
                            socket.Dispose();
                            throw;
                        }
                    },
                },
            }
        );
}

/// <summary>Runs the app's orchestrators and activities on the task hub while the host runs.</summary>
public sealed partial class FunctionsTaskHubWorker(
    AzureStorageOrchestrationService service,
    FunctionCatalog catalog,
    IServiceProvider services,
    IOptions<DurableHostOptions> hostOptions,
    IOptions<DurableTaskWorkerOptions> workerOptions,
    ILoggerFactory loggers
) : IHostedService, IAsyncDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ILogger _logger = loggers.CreateLogger<FunctionsTaskHubWorker>();
    private TaskHubWorker? _worker;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await service.CreateIfNotExistsAsync();
        var shims = new DurableTaskShimFactory(workerOptions.Value, loggers);
        _worker = new TaskHubWorker(
            service,
            new ByName<TaskOrchestration>(),
            new ByName<TaskActivity>(),
            Versioning(hostOptions.Value),
            loggers
        )
        {
            ErrorPropagationMode = ErrorPropagationMode.UseFailureDetails,
        };
        foreach (var (name, method) in catalog.Orchestrators)
        {
            _worker.AddTaskOrchestrations(
                new Creator<TaskOrchestration>(name, () =>
                    shims.CreateOrchestration(name, new FunctionOrchestrator(method))
                )
            );
        }
        foreach (var (name, method) in catalog.Activities)
        {
            _worker.AddTaskActivities(
                new Creator<TaskActivity>(name, () =>
                    shims.CreateActivity(name, new FunctionActivity(method, services, _stopping.Token))
                )
            );
        }
        await _worker.StartAsync();
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (_worker is not null)
        {
            // Let work in hand finish (a forced stop would report running activities as failed), then cancel what
            // is still running when the host's shutdown time is up: it is delivered again after a restart.
            using var forced = cancellationToken.Register(() => _stopping.Cancel());
            try
            {
                // The provider's own stop releases its leases through storage and retries for as long as storage is
                // away, so it is awaited only until the shutdown time is up: a host told to stop always stops. What
                // it held is taken over after the lease expires, as after a crash.
                await _worker.StopAsync(isForced: false).WaitAsync(cancellationToken);
            }
            catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
            {
                LogStopAbandoned(_logger);
            }
        }
    }

    public ValueTask DisposeAsync()
    {
        _stopping.Dispose();
        return ValueTask.CompletedTask;
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "The Durable backend did not stop within the shutdown timeout (is storage reachable?); stopping "
            + "anyway"
    )]
    private static partial void LogStopAbandoned(ILogger logger);

    /// <summary>
    /// The Functions host's version check, as DurableTask.Core's dispatcher makes it: with CurrentOrOlder, an instance
    /// of a newer version than defaultVersion is not run here; Reject leaves it on the queue for a newer worker. An
    /// empty defaultVersion checks nothing (the local host's reading of "no versioning").
    /// </summary>
    private static VersioningSettings? Versioning(DurableHostOptions options) =>
        string.IsNullOrEmpty(options.DefaultVersion)
            ? null
            : new VersioningSettings
            {
                Version = options.DefaultVersion,
                MatchStrategy = options.VersionMatchStrategy,
                FailureStrategy = options.VersionFailureStrategy,
            };

    /// <summary>
    /// Finds orchestrators and activities by name whatever the instance's version: one function serves every
    /// version, as under the Functions host, and branches on the version itself. DurableTask.Core's own manager
    /// keys on name and version, so it would find nothing for an instance stamped "2".
    /// </summary>
    private sealed class ByName<T> : INameVersionObjectManager<T>
        where T : class
    {
        private readonly Dictionary<string, ObjectCreator<T>> _creators = new(StringComparer.Ordinal);

        public void Add(ObjectCreator<T> creator) => _creators.Add(creator.Name, creator);

        // Null for an unknown name, as DurableTask.Core's own manager answers.
        public T? GetObject(string name, string? version) =>
            _creators.TryGetValue(name, out var creator) ? creator.Create() : null;
    }

    /// <summary>Makes a fresh orchestration or activity object for each work item.</summary>
    private sealed class Creator<T> : ObjectCreator<T>
    {
        private readonly Func<T> _create;

        public Creator(string name, Func<T> create)
        {
            Name = name;
            Version = string.Empty;
            _create = create;
        }

        public override T Create() => _create();
    }
}
