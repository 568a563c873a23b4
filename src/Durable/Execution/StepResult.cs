using Pathfinder.Durable.Storage;

namespace Pathfinder.Durable.Execution;

/// <summary>What one step decided: the commit, and whether the instance has more work right away.</summary>
internal sealed record StepResult(StepCommit Commit, bool RunAgainNow);
