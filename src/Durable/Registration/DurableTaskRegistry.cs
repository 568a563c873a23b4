using Microsoft.Extensions.DependencyInjection;

namespace Pathfinder.Durable;

/// <summary>
/// The orchestrators (by name and version) and activities (by name) this app runs. Instances start on
/// the newest version of their orchestrator and keep the version they started with for life.
/// </summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<string, SortedDictionary<string, Type>> _orchestrators =
        new(StringComparer.OrdinalIgnoreCase);

    private readonly Dictionary<string, Type> _activities = new(StringComparer.OrdinalIgnoreCase);

    internal IEnumerable<Type> RegisteredTypes =>
        _orchestrators.Values.SelectMany(v => v.Values).Concat(_activities.Values).Distinct();

    /// <summary>Registers an orchestrator under <paramref name="name"/> (its class name by default).</summary>
    /// <param name="name">The name instances are started with.</param>
    /// <param name="version">The version; the newest (compared numerically where they are numbers) takes new instances.</param>
    public DurableTaskRegistry AddOrchestrator<T>(string? name = null, string version = "1")
        where T : class, ITaskOrchestrator
    {
        name ??= typeof(T).Name;
        ArgumentException.ThrowIfNullOrWhiteSpace(version);
        if (!_orchestrators.TryGetValue(name, out var versions))
        {
            versions = new SortedDictionary<string, Type>(VersionComparer.Instance);
            _orchestrators[name] = versions;
        }
        if (!versions.TryAdd(version, typeof(T)))
        {
            throw new ArgumentException($"Orchestrator '{name}' version '{version}' is already registered.");
        }
        return this;
    }

    /// <summary>Registers an activity under <paramref name="name"/> (its class name by default).</summary>
    public DurableTaskRegistry AddActivity<T>(string? name = null) where T : class, ITaskActivity
    {
        name ??= typeof(T).Name;
        if (!_activities.TryAdd(name, typeof(T)))
        {
            throw new ArgumentException($"Activity '{name}' is already registered.");
        }
        return this;
    }

    /// <summary>The version a new instance of <paramref name="name"/> starts on, or null if not registered.</summary>
    public string? NewestVersion(string name) =>
        _orchestrators.TryGetValue(name, out var versions) ? versions.Keys.Last() : null;

    /// <summary>True when that orchestrator version is registered.</summary>
    public bool HasOrchestrator(string name, string version) =>
        _orchestrators.TryGetValue(name, out var versions) && versions.ContainsKey(version);

    internal ITaskOrchestrator? CreateOrchestrator(IServiceProvider services, string name, string version) =>
        _orchestrators.TryGetValue(name, out var versions) && versions.TryGetValue(version, out var type)
            ? (ITaskOrchestrator)services.GetRequiredService(type)
            : null;

    internal ITaskActivity? CreateActivity(IServiceProvider services, string name) =>
        _activities.TryGetValue(name, out var type) ? (ITaskActivity)services.GetRequiredService(type) : null;

    /// <summary>Orders "2" before "10", and falls back to ordinal order for non-numeric versions.</summary>
    private sealed class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            if (System.Version.TryParse(Normalise(x), out var a) && System.Version.TryParse(Normalise(y), out var b))
            {
                return a.CompareTo(b);
            }
            return string.CompareOrdinal(x, y);
        }

        private static string? Normalise(string? v) => v is not null && !v.Contains('.', StringComparison.Ordinal) ? v + ".0" : v;
    }
}
