using System.Collections.Concurrent;

namespace Pathfinder.Testing.Durable;

/// <summary>What activities did outside the runtime: the effects a user would see (an email, a row).</summary>
public sealed class EffectLog
{
    private readonly ConcurrentQueue<(string InstanceId, string Effect)> _effects = new();

    public void Record(string instanceId, string effect) => _effects.Enqueue((instanceId, effect));

    public IReadOnlyList<string> For(string instanceId) =>
        _effects.Where(e => e.InstanceId == instanceId).Select(e => e.Effect).ToList();

    public int Count => _effects.Count;

    /// <summary>Forgets what was recorded (the benchmark does, so its heap figure is the engine's alone).</summary>
    public void Clear() => _effects.Clear();
}
