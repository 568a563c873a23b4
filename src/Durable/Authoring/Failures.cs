namespace Pathfinder.Durable;

/// <summary>What is recorded about a failure: enough to read it later through the client.</summary>
/// <param name="ErrorType">The exception's full type name.</param>
/// <param name="ErrorMessage">The exception's message.</param>
/// <param name="StackTrace">Where it was thrown, when known.</param>
/// <param name="InnerFailure">The inner exception's details, when there was one.</param>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null)
{
    /// <summary>Captures an exception.</summary>
    public static TaskFailureDetails FromException(Exception exception) =>
        new(exception.GetType().FullName ?? exception.GetType().Name,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is { } inner ? FromException(inner) : null);

    /// <summary>True when the failure came from an exception of type <typeparamref name="T"/> or a subclass name match.</summary>
    public bool IsCausedBy<T>() where T : Exception => ErrorType == typeof(T).FullName;
}

/// <summary>
/// Thrown inside an orchestrator when an activity failed and its retries (if any) are exhausted.
/// </summary>
public sealed class TaskFailedException : Exception
{
    /// <summary>Creates the exception for a failed task.</summary>
    public TaskFailedException(string taskName, int taskId, TaskFailureDetails failureDetails)
        : base($"Task '{taskName}' (#{taskId}) failed: {failureDetails.ErrorType}: {failureDetails.ErrorMessage}")
    {
        TaskName = taskName;
        TaskId = taskId;
        FailureDetails = failureDetails;
    }

    /// <summary>The activity name.</summary>
    public string TaskName { get; }

    /// <summary>The task's sequence number in the instance.</summary>
    public int TaskId { get; }

    /// <summary>The last attempt's failure.</summary>
    public TaskFailureDetails FailureDetails { get; }
}

/// <summary>
/// The orchestrator's code no longer matches its recorded history (it was changed under a running
/// instance without a new version). The instance fails with this message; other instances are untouched.
/// </summary>
public sealed class NonDeterministicOrchestrationException : Exception
{
    /// <summary>Creates the exception with a message naming the mismatch.</summary>
    public NonDeterministicOrchestrationException(string message) : base(message)
    {
    }
}
