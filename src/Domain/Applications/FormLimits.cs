namespace Pathfinder.Domain;

/// <summary>
/// How much an expression of interest may hold, in one place. The limits are generous for any real consortium;
/// they exist so that one pasted document cannot fill a table row or an SHA reviewer's screen.
/// </summary>
public static class FormLimits
{
    public const int ConsortiumNameLength = 200;
    public const int PctNameLength = 200;
    public const int PctNames = 20;
    public const int PersonNameLength = 200;

    /// <summary>The longest address the email standards allow (RFC 5321 path limit).</summary>
    public const int EmailLength = 254;

    public const int PhoneLength = 30;
    public const int Practices = 500;
    public const int PracticeNameLength = 200;

    /// <summary>No English practice comes near this; a bigger number is a typing mistake.</summary>
    public const int ListSize = 1_000_000;

    public const int LocalAuthorityLength = 200;

    /// <summary>About a page and a half of text for each of the three pieces of evidence.</summary>
    public const int EvidenceLength = 4000;

    public const int AreasOfWork = 50;
    public const int AreaOfWorkLength = 500;
}
