using System.ComponentModel.DataAnnotations;

namespace Pathfinder.Durable;

/// <summary>How the runtime behaves; bound from configuration section <c>Durable</c> by the host app.</summary>
public sealed class DurableTaskOptions
{
    /// <summary>The configuration section these options bind to.</summary>
    public const string SectionName = "Durable";

    /// <summary>Names the tables (<c>{TaskHub}History</c>, <c>{TaskHub}Instances</c>): letters and digits, starting with a letter.</summary>
    [Required]
    [RegularExpression("^[A-Za-z][A-Za-z0-9]{2,40}$")]
    public string TaskHub { get; set; } = "Durable";

    /// <summary>How often the hosted tick service looks for due work (timers, stranded messages).</summary>
    [Range(typeof(TimeSpan), "00:00:00.010", "01:00:00")]
    public TimeSpan TickInterval { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>How many instances a tick processes at once.</summary>
    [Range(1, 256)]
    public int TickConcurrency { get; set; } = 16;

    /// <summary>Most messages one step consumes (they are deleted in the step's final transaction).</summary>
    [Range(1, 50)]
    public int MaxMessagesPerStep { get; set; } = 50;

    /// <summary>Most rounds of activities one step runs before it commits and continues.</summary>
    [Range(1, 10_000)]
    public int MaxRoundsPerStep { get; set; } = 100;

    /// <summary>How many times a worker retries a step at once after losing a race to another worker.</summary>
    [Range(1, 100)]
    public int MaxConflictRetries { get; set; } = 5;
}
