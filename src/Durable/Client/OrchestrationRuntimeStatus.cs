namespace Pathfinder.Durable;

/// <summary>Where an instance is in its life, as the Durable Task SDK names it.</summary>
public enum OrchestrationRuntimeStatus
{
    /// <summary>Scheduled; its first step has not run yet.</summary>
    Pending,

    /// <summary>Started and not finished: running or waiting for a timer, an event or an activity.</summary>
    Running,

    /// <summary>Returned normally.</summary>
    Completed,

    /// <summary>Threw, or its history no longer matched its code.</summary>
    Failed,

    /// <summary>Stopped through the client.</summary>
    Terminated,
}

/// <summary>Status helpers.</summary>
public static class OrchestrationRuntimeStatusExtensions
{
    /// <summary>True once the instance will never run again.</summary>
    public static bool IsTerminal(this OrchestrationRuntimeStatus status) =>
        status is OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed
            or OrchestrationRuntimeStatus.Terminated;
}
