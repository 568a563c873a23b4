using Microsoft.DurableTask;
using Microsoft.DurableTask.Worker;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// The orchestration versions the app knows. An instance is stamped at start with <c>host.json</c>'s
/// <c>defaultVersion</c> and keeps it for life; orchestrators branch on <see cref="Of"/> where behaviour changed.
/// See docs/DEPLOY.md, "Changing the workflow".
/// </summary>
public static class OrchestrationVersions
{
    /// <summary>Instances started before versioning existed carry an empty version: they are version 1.</summary>
    public const int Unversioned = 1;

    /// <summary>
    /// The longest single durable timer: the SDK splits a longer wait into timers of at most this length, and each
    /// piece is in the history. Pinned (it is the SDK's default) because changing it changes the timers an instance
    /// in flight replays, which breaks every instance waiting on a long timer: never change it.
    /// </summary>
    public static readonly TimeSpan MaximumTimerInterval = TimeSpan.FromDays(3);

    /// <summary>The instance's version as a number: empty (before versioning) is 1.</summary>
    public static int Of(TaskOrchestrationContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return Parse(context.Version);
    }

    /// <summary>"", "1", "2" or "2.0" to 1, 1, 2, 2; anything else is a version this app never wrote.</summary>
    public static int Parse(string? version) =>
        string.IsNullOrWhiteSpace(version) ? Unversioned
        : int.TryParse(
            version,
            System.Globalization.NumberStyles.None,
            System.Globalization.CultureInfo.InvariantCulture,
            out var n
        )
            ? n
        : Version.TryParse(version, out var v) ? v.Major
        : throw new FormatException($"Orchestration version '{version}' is not one this app writes (a whole number).");

    /// <summary>Pins the SDK's worker options both hosts run orchestrators with (see <see
    /// cref="MaximumTimerInterval"/>).</summary>
    public static void Pin(DurableTaskWorkerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.MaximumTimerInterval = MaximumTimerInterval;
    }
}
