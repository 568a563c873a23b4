using DurableTask.Core;
using DurableTask.Core.History;
using Google.Protobuf;
using Microsoft.DurableTask.Testing.Sidecar.Grpc;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Grpc;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.LocalHost;
using Pathfinder.Testing;
using P = Microsoft.DurableTask.Protobuf;

namespace Pathfinder.Functions.Tests.Histories;

/// <summary>
/// A recorded orchestration history (tests/Functions.Tests/Histories/v{N}/*.json): the events of one real instance
/// as the Azure Storage provider stored them, with their .NET types, so they load back exactly.
/// </summary>
internal static class RecordedHistory
{
    private static readonly JsonSerializerSettings Settings = new()
    {
        TypeNameHandling = TypeNameHandling.Objects,
        SerializationBinder = new HistoryTypesOnly(),
        Formatting = Formatting.Indented,
    };

    private static readonly FunctionCatalog Catalog = FunctionCatalog.Of(typeof(ApplicationFunctions).Assembly);

    /// <summary>The worker's services as both hosts configure them: the pinned timer interval
    /// (OrchestrationVersions).</summary>
    private static readonly IServiceProvider Worker = WorkerServices();

    public static string Folder => Path.Combine(RepositoryRoot.Find(), "tests", "Functions.Tests", "Histories");

    /// <summary>Every recorded history, as "v1/application-lifecycle.json".</summary>
    public static IEnumerable<string> All() =>
        Directory
            .GetFiles(Folder, "*.json", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'));

    public static List<HistoryEvent> Load(string name) =>
        JsonConvert.DeserializeObject<List<HistoryEvent>>(File.ReadAllText(Path.Combine(Folder, name)), Settings)!;

    /// <summary>The provider's JSON (no type names) as typed history events, saved with their types.</summary>
    public static void Save(string providerJson, string path)
    {
        var events = JArray
            .Parse(providerJson)
            .Select(e =>
            {
                var type = typeof(HistoryEvent).Assembly.GetType(
                    $"DurableTask.Core.History.{(EventType)e["EventType"]!.Value<int>()}Event",
                    throwOnError: true
                )!;
                return (HistoryEvent)e.ToObject(type)!;
            })
            .ToList();
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, JsonConvert.SerializeObject(events, Settings) + "\n");
    }

    /// <summary>
    /// The histories the instance had at each point where it waited: every prefix that ends with an episode
    /// (OrchestratorCompleted), as the provider held it between wake-ups.
    /// </summary>
    public static IEnumerable<(int Episode, List<HistoryEvent> Events)> WaitingPoints(List<HistoryEvent> history)
    {
        var episode = 0;
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i] is OrchestratorCompletedEvent)
            {
                yield return (++episode, history.Take(i + 1).ToList());
            }
        }
    }

    /// <summary>
    /// The points where a reviewer's command (a decision, withdrawal or go-live date) had been accepted and its event
    /// had reached the instance, but the instance had not yet applied it: the history up to the episode's incoming
    /// messages, before the orchestrator's answer to them. A deployment landing there wakes today's code with the
    /// event as a new message.
    /// </summary>
    public static IEnumerable<(int Episode, List<HistoryEvent> Events)> QueuedCommandPoints(List<HistoryEvent> history)
    {
        var episode = 0;
        for (var i = 0; i < history.Count; i++)
        {
            if (history[i] is OrchestratorCompletedEvent)
            {
                episode++;
            }
            else if (history[i] is EventRaisedEvent { Name: ApplicationEvents.CommandAccepted })
            {
                // The episode's incoming messages end where the orchestrator's own actions (or its completion) begin.
                var end = i + 1;
                while (
                    end < history.Count
                    && history[end] is EventRaisedEvent or TaskCompletedEvent or TaskFailedEvent or TimerFiredEvent
                )
                {
                    end++;
                }
                yield return (episode + 1, history.Take(end).ToList());
            }
        }
    }

    /// <summary>
    /// Replays <paramref name="events"/> through today's orchestrator code as Azure Functions does: the isolated
    /// worker receives the past events (up to the last completed episode) and the new ones as an encoded
    /// <c>OrchestratorRequest</c>, and the SDK's <see cref="GrpcOrchestrationRunner"/> runs the orchestrator on them.
    /// Returns the failure (non-determinism, or an exception the orchestrator threw), or null.
    /// </summary>
    public static string? Replay(List<HistoryEvent> events)
    {
        var failed = Run(events)
            .Actions.Select(a => a.CompleteOrchestration)
            .FirstOrDefault(c => c?.OrchestrationStatus == P.OrchestrationStatus.Failed);
        return failed is null ? null : $"{failed.FailureDetails?.ErrorType}: {failed.FailureDetails?.ErrorMessage}";
    }

    /// <summary>The activities today's code schedules when it wakes on <paramref name="events"/>.</summary>
    public static IReadOnlyList<string> Scheduled(List<HistoryEvent> events) =>
        [.. Run(events).Actions.Where(a => a.ScheduleTask is not null).Select(a => a.ScheduleTask.Name)];

    private static P.OrchestratorResponse Run(List<HistoryEvent> events)
    {
        var started = events.OfType<ExecutionStartedEvent>().Single();
        var lastEpisode = events.FindLastIndex(e => e is OrchestratorCompletedEvent) + 1;
        var request = new P.OrchestratorRequest
        {
            InstanceId = started.OrchestrationInstance.InstanceId,
            ExecutionId = started.OrchestrationInstance.ExecutionId,
        };
        request.PastEvents.AddRange(events.Take(lastEpisode).Select(ProtobufUtils.ToHistoryEventProto));
        request.NewEvents.AddRange(events.Skip(lastEpisode).Select(ProtobufUtils.ToHistoryEventProto));

        var answer = GrpcOrchestrationRunner.LoadAndRun(
            Convert.ToBase64String(request.ToByteArray()),
            new FunctionOrchestrator(Catalog.Orchestrators[started.Name]),
            Worker
        );
        return P.OrchestratorResponse.Parser.ParseFrom(Convert.FromBase64String(answer));
    }

    private static ServiceProvider WorkerServices()
    {
        var options = new DurableTaskWorkerOptions();
        OrchestrationVersions.Pin(options);
        return new ServiceCollection()
            .AddSingleton(new DurableTaskShimFactory(options, NullLoggerFactory.Instance))
            .BuildServiceProvider();
    }

    /// <summary>Only DurableTask.Core's history types (and the framework's) are read from a file.</summary>
    private sealed class HistoryTypesOnly : Newtonsoft.Json.Serialization.DefaultSerializationBinder
    {
        public override Type BindToType(string? assemblyName, string typeName) =>
            typeName.StartsWith("DurableTask.Core.", StringComparison.Ordinal)
            || typeName.StartsWith("System.", StringComparison.Ordinal)
                ? base.BindToType(assemblyName, typeName)
                : throw new JsonSerializationException($"{typeName} is not a history type.");
    }
}
