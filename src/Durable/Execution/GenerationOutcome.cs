namespace Pathfinder.Durable.Execution;

/// <summary>What running one generation of an instance produced within a step.</summary>
/// <param name="State">The instance row after it.</param>
/// <param name="NewEvents">History it appended (the whole history for a new generation).</param>
/// <param name="RunAgainNow">It stopped early (too many rounds) with more work ready.</param>
/// <param name="ContinueAsNew">Set when the orchestrator continued as new.</param>
internal sealed record GenerationOutcome(
    Storage.InstanceState State,
    List<HistoryEvent> NewEvents,
    bool RunAgainNow,
    NextGeneration? ContinueAsNew)
{
    public static GenerationOutcome Failed(Storage.InstanceState state, DateTimeOffset now, List<HistoryEvent> newEvents,
        Exception exception)
    {
        var details = TaskFailureDetails.FromException(exception);
        newEvents.Add(new ExecutionCompleted(now, OrchestrationRuntimeStatus.Failed, null, details));
        var failed = state with
        {
            Status = OrchestrationRuntimeStatus.Failed, Failure = details, LastUpdatedAt = now, NextWakeAt = null,
        };
        return new GenerationOutcome(failed, newEvents, false, null);
    }
}

/// <summary>The generation to start after ContinueAsNew, with the events it inherits.</summary>
internal sealed record NextGeneration(Storage.InstanceState State, List<EventRaised> CarriedEvents);
