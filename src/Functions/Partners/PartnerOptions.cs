namespace Pathfinder.Functions.Partners;

/// <summary>Settings of the partner directory (section <c>Partners</c>).</summary>
public sealed class PartnerOptions
{
    public const string SectionName = "Partners";

    /// <summary>The demo's setting (<c>./run.sh --demo</c>), which loads the example partners too.</summary>
    public const string DemoSetting = "Demo:Load";

    /// <summary>
    /// Load the example partners (<see cref="PartnerDefaults"/>) at start: the tests set it. Off by default, so a real
    /// deployment starts with no partners and the national team adds them.
    /// </summary>
    public bool LoadExamples { get; set; }
}
