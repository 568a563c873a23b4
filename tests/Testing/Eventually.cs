namespace Pathfinder.Testing;

/// <summary>
/// Waits for a condition with a deadline, instead of sleeping a fixed time and hoping: the work the tests watch
/// (an orchestration applying a command, an email leaving the outbox, a process starting) happens in the
/// background, quickly on an idle machine and slowly on a loaded one. On timeout it says what it waited for and what
/// it saw last, so a failure reads as the broken promise, not as "timed out".
/// </summary>
public static class Eventually
{
    /// <summary>How often the condition is checked unless a caller says otherwise.</summary>
    public static readonly TimeSpan DefaultInterval = TimeSpan.FromMilliseconds(100);

    /// <summary>
    /// Reads until <paramref name="until"/> holds of what was read, and returns it. A read that throws
    /// <paramref name="transient"/> exceptions (when given) is read again.
    /// </summary>
    /// <param name="what">What the caller waits for, in a few words: "Q35-0001 to be approved".</param>
    /// <param name="describe">How to show the last value read in the timeout's message (its ToString
    /// otherwise).</param>
    public static async Task<T> UntilAsync<T>(
        string what,
        TimeSpan within,
        Func<Task<T>> read,
        Func<T, bool> until,
        Func<T, string>? describe = null,
        TimeSpan? interval = null,
        Func<Exception, bool>? transient = null
    )
    {
        ArgumentNullException.ThrowIfNull(read);
        ArgumentNullException.ThrowIfNull(until);
        var deadline = DateTimeOffset.UtcNow + within;
        var last = "nothing read yet";
        while (true)
        {
            try
            {
                var value = await read();
                if (until(value))
                {
                    return value;
                }
                last = describe is null ? value?.ToString() ?? "null" : describe(value);
            }
            catch (Exception e) when (transient is not null && transient(e))
            {
                last = $"{e.GetType().Name}: {e.Message}";
            }
            if (DateTimeOffset.UtcNow >= deadline)
            {
                throw new WaitTimedOutException(what, within, last);
            }
            await Task.Delay(interval ?? DefaultInterval);
        }
    }

    /// <summary>Reads (synchronously) until <paramref name="until"/> holds of what was read, and returns it.</summary>
    public static Task<T> UntilAsync<T>(
        string what,
        TimeSpan within,
        Func<T> read,
        Func<T, bool> until,
        Func<T, string>? describe = null,
        TimeSpan? interval = null
    ) => UntilAsync(what, within, () => Task.FromResult(read()), until, describe, interval);

    /// <summary>Checks until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(
        string what,
        TimeSpan within,
        Func<Task<bool>> condition,
        TimeSpan? interval = null,
        Func<Exception, bool>? transient = null
    ) => UntilAsync(what, within, condition, held => held, _ => "not yet", interval, transient);

    /// <summary>Checks (synchronously) until <paramref name="condition"/> holds.</summary>
    public static Task UntilAsync(string what, TimeSpan within, Func<bool> condition, TimeSpan? interval = null) =>
        UntilAsync(what, within, () => Task.FromResult(condition()), held => held, _ => "not yet", interval);
}

/// <summary>A condition a test waited for did not hold by its deadline.</summary>
public sealed class WaitTimedOutException(string what, TimeSpan within, string last)
    : TimeoutException($"Waited {within.TotalSeconds:0.#} s for {what}; last seen: {last}.");
