namespace Pathfinder.Functions.Workflows;

/// <summary>When a workflow counts as out of step (README, "Operating").</summary>
public sealed class WorkflowOptions : System.ComponentModel.DataAnnotations.IValidatableObject
{
    public const string SectionName = "Workflows";

    /// <summary>
    /// How long a step may be overdue, or a command wait to be applied, before the workflow counts as stuck. An hour:
    /// an activity's retries take up to 8 minutes and a busy worker a few more, so anything later is not coming.
    /// </summary>
    public TimeSpan StuckAfter { get; set; } = TimeSpan.FromHours(1);

    public IEnumerable<System.ComponentModel.DataAnnotations.ValidationResult> Validate(
        System.ComponentModel.DataAnnotations.ValidationContext validationContext
    )
    {
        if (StuckAfter <= TimeSpan.Zero)
        {
            yield return new($"{SectionName}:{nameof(StuckAfter)} must be a positive period.", [nameof(StuckAfter)]);
        }
    }
}
