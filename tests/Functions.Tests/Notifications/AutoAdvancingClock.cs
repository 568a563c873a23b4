using System.Collections.Concurrent;
using Microsoft.Extensions.Time.Testing;

namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>
/// A fake clock that moves forward whenever someone starts waiting on it, as if the wait had passed at once.
/// It remembers every wait, so a test can check how long the code chose to wait without sleeping.
/// </summary>
public sealed class AutoAdvancingClock : FakeTimeProvider
{
    private readonly ConcurrentQueue<TimeSpan> _waits = new();

    public AutoAdvancingClock()
        : base(new DateTimeOffset(2011, 1, 10, 9, 0, 0, TimeSpan.Zero)) { }

    public IReadOnlyList<TimeSpan> Waits => [.. _waits];

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var timer = base.CreateTimer(callback, state, dueTime, period);
        if (dueTime != Timeout.InfiniteTimeSpan)
        {
            _waits.Enqueue(dueTime);
            // From another thread, once the caller holds its timer, as a real clock's tick would come.
            _ = Task.Run(() => Advance(dueTime));
        }

        return timer;
    }
}
