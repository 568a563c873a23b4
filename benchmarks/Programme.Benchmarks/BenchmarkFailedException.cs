namespace Pathfinder.Programme.Benchmarks;

/// <summary>A benchmark could not do the work it times (it reached its cap, say), so it has no figure to
/// print.</summary>
internal sealed class BenchmarkFailedException(string message) : Exception(message);
