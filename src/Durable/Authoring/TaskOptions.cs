namespace Pathfinder.Durable;

/// <summary>Options for one activity call.</summary>
/// <param name="Retry">How failures are retried; none when null.</param>
public sealed record TaskOptions(RetryPolicy? Retry = null)
{
    /// <summary>Options that retry with the given policy.</summary>
    public static TaskOptions FromRetryPolicy(RetryPolicy policy) => new(policy);
}

/// <summary>
/// Retries a failed activity with exponential backoff on durable timers, so a retry survives restarts.
/// </summary>
/// <param name="MaxNumberOfAttempts">Attempts in all, the first included (at least 1).</param>
/// <param name="FirstRetryInterval">Delay before the second attempt.</param>
/// <param name="BackoffCoefficient">Multiplier applied to the delay after each failure (at least 1).</param>
/// <param name="MaxRetryInterval">Upper bound on any one delay; unbounded when null.</param>
public sealed record RetryPolicy(
    int MaxNumberOfAttempts,
    TimeSpan FirstRetryInterval,
    double BackoffCoefficient = 1.0,
    TimeSpan? MaxRetryInterval = null)
{
    /// <summary>Only failures this predicate accepts are retried; all are by default.</summary>
    public Func<TaskFailureDetails, bool>? Handle { get; init; }

    /// <summary>The delay before attempt <paramref name="nextAttempt"/> (2 for the first retry).</summary>
    public TimeSpan DelayBefore(int nextAttempt)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(nextAttempt, 2);
        var ticks = FirstRetryInterval.Ticks * Math.Pow(Math.Max(1.0, BackoffCoefficient), nextAttempt - 2);
        var delay = ticks >= TimeSpan.MaxValue.Ticks ? TimeSpan.MaxValue : TimeSpan.FromTicks((long)ticks);
        return MaxRetryInterval is { } max && delay > max ? max : delay;
    }
}
