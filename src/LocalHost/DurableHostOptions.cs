using System.ComponentModel.DataAnnotations;
using DurableTask.Core.Settings;

namespace Pathfinder.LocalHost;

/// <summary>
/// The durableTask section of <c>host.json</c>, which configures the Durable extension in Azure; the local host reads
/// the same file so both run one task hub with one set of settings. Override it as on the Functions host, e.g.
/// <c>AzureFunctionsJobHost__extensions__durableTask__hubName</c>. Defaults are the Durable extension's own.
/// </summary>
public sealed class DurableHostOptions
{
    public const string SectionName = "AzureFunctionsJobHost:extensions:durableTask";

    [Required]
    [RegularExpression(
        "^[A-Za-z][A-Za-z0-9]{2,44}$",
        ErrorMessage = "The task hub name must be 3-45 letters and digits, starting with a letter."
    )]
    public string HubName { get; set; } = "";

    /// <summary>
    /// The version every new orchestration instance is stamped with (and the newest this worker runs). Empty, as
    /// before versioning, stamps nothing and checks nothing.
    /// </summary>
    [RegularExpression(
        "^([0-9]+(\\.[0-9]+){0,3})?$",
        ErrorMessage = "defaultVersion must be a version number such as 2."
    )]
    public string DefaultVersion { get; set; } = "";

    /// <summary>Which instances this worker runs: with CurrentOrOlder, those of its version or older (Durable
    /// Functions' default).</summary>
    public VersioningSettings.VersionMatchStrategy VersionMatchStrategy { get; set; } =
        VersioningSettings.VersionMatchStrategy.CurrentOrOlder;

    /// <summary>What happens to an instance this worker may not run: Reject leaves it for a newer worker.</summary>
    public VersioningSettings.VersionFailureStrategy VersionFailureStrategy { get; set; } =
        VersioningSettings.VersionFailureStrategy.Reject;

    public StorageProviderOptions StorageProvider { get; set; } = new();

    [Range(1, 1000)]
    public int MaxConcurrentActivityFunctions { get; set; } = 10 * Environment.ProcessorCount;

    [Range(1, 1000)]
    public int MaxConcurrentOrchestratorFunctions { get; set; } = 10 * Environment.ProcessorCount;
}

/// <summary>The Azure Storage provider's settings, as in <c>host.json</c>.</summary>
public sealed class StorageProviderOptions
{
    [Range(1, 16)]
    public int PartitionCount { get; set; } = 4;

    public TimeSpan ControlQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan WorkItemQueueVisibilityTimeout { get; set; } = TimeSpan.FromMinutes(5);

    public TimeSpan MaxQueuePollingInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>The function key the Functions host checks on <c>authLevel: function</c> routes; locally, one
/// key.</summary>
public sealed class FunctionKeyOptions
{
    public const string SectionName = "Intake";

    /// <summary>Sent as <c>x-functions-key</c> or <c>?code=</c>. Without it, those routes answer 401 to
    /// everyone.</summary>
    [MinLength(16, ErrorMessage = "Intake:Key must be at least 16 characters.")]
    public string? Key { get; set; }
}
