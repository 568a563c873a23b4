using Pathfinder.Domain;
using Pathfinder.Functions.Pages.Shared;
using Pathfinder.Functions.Workflows;

namespace Pathfinder.Functions.Pages.National;

/// <summary>
/// The workflows out of step, the banner after an action, and a refused action's problems with what was typed.
/// </summary>
public sealed record WorkflowListModel(
    IReadOnlyList<WorkflowEntry> Entries,
    string? Done,
    IReadOnlyList<ValidationProblem> Problems,
    string? ReasonFor = null,
    string? Reason = null
)
{
    /// <summary>Each entry's reason box has its own id, so an error links to the right one.</summary>
    public static string ReasonField(string reference) => "reason-" + FieldIds.For(reference);
}

/// <summary>One application out of step, with the actions open to it.</summary>
public sealed record WorkflowEntry(OutOfStep OutOfStep)
{
    public string Reference => OutOfStep.Reference;
    public string ConsortiumName => OutOfStep.ConsortiumName;
    public string What => OutOfStep.What;
    public DateTimeOffset Since => OutOfStep.Since;
    public string? LastError => OutOfStep.LastError;
    public ApplicationStatus RecordStatus => OutOfStep.RecordStatus;

    /// <summary>An application that has ended has nothing for a new workflow to do.</summary>
    public bool CanRestart => !ApplicationLifecycle.IsFinal(RecordStatus);

    /// <summary>Only a workflow still running (stuck) or suspended can be terminated.</summary>
    public bool CanTerminate => OutOfStep.Kind is OutOfStepKind.Stuck or OutOfStepKind.Suspended;
}
