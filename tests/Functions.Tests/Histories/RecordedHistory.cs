using DurableTask.Core;
using DurableTask.Core.History;
using Microsoft.DurableTask.Worker;
using Microsoft.DurableTask.Worker.Shims;
using Microsoft.Extensions.Logging.Abstractions;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;
using Pathfinder.LocalHost;
using Pathfinder.Testing;

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

    public static string Folder => Path.Combine(RepositoryRoot.Find(), "tests", "Functions.Tests", "Histories");

    /// <summary>Every recorded history, as "v1/application-lifecycle.json".</summary>
    public static IEnumerable<string> All() =>
        Directory.GetFiles(Folder, "*.json", SearchOption.AllDirectories).Order(StringComparer.Ordinal)
            .Select(f => Path.GetRelativePath(Folder, f).Replace('\\', '/'));

    public static List<HistoryEvent> Load(string name) =>
        JsonConvert.DeserializeObject<List<HistoryEvent>>(File.ReadAllText(Path.Combine(Folder, name)), Settings)!;

    /// <summary>The provider's JSON (no type names) as typed history events, saved with their types.</summary>
    public static void Save(string providerJson, string path)
    {
        var events = JArray.Parse(providerJson).Select(e =>
        {
            var type = typeof(HistoryEvent).Assembly.GetType(
                $"DurableTask.Core.History.{(EventType)e["EventType"]!.Value<int>()}Event", throwOnError: true)!;
            return (HistoryEvent)e.ToObject(type)!;
        }).ToList();
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
    /// Replays <paramref name="events"/> through today's orchestrator code, as a worker does when the instance wakes
    /// (DurableTask.Core's executor and the SDK's shims, the path the local host and the isolated worker share). Returns
    /// the failure (non-determinism, or an exception the orchestrator threw), or null.
    /// </summary>
    public static string? Replay(List<HistoryEvent> events)
    {
        var started = events.OfType<ExecutionStartedEvent>().Single();
        var options = new DurableTaskWorkerOptions();
        OrchestrationVersions.Pin(options);
        var shim = new DurableTaskShimFactory(options, NullLoggerFactory.Instance)
            .CreateOrchestration(started.Name, new FunctionOrchestrator(Catalog.Orchestrators[started.Name]));
        var state = new OrchestrationRuntimeState(events);
        var result = new TaskOrchestrationExecutor(state, shim, BehaviorOnContinueAsNew.Carryover,
            ErrorPropagationMode.UseFailureDetails).Execute();
        var failed = result.Actions.OfType<DurableTask.Core.Command.OrchestrationCompleteOrchestratorAction>()
            .FirstOrDefault(a => a.OrchestrationStatus == OrchestrationStatus.Failed);
        return failed is null ? null : $"{failed.FailureDetails?.ErrorType}: {failed.FailureDetails?.ErrorMessage}";
    }

    /// <summary>Only DurableTask.Core's history types (and the framework's) are read from a file.</summary>
    private sealed class HistoryTypesOnly : Newtonsoft.Json.Serialization.DefaultSerializationBinder
    {
        public override Type BindToType(string? assemblyName, string typeName) =>
            typeName.StartsWith("DurableTask.Core.", StringComparison.Ordinal) || typeName.StartsWith("System.", StringComparison.Ordinal)
                ? base.BindToType(assemblyName, typeName)
                : throw new JsonSerializationException($"{typeName} is not a history type.");
    }
}
