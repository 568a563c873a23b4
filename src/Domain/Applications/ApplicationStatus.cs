namespace Pathfinder.Domain;

/// <summary>Where an application stands in the programme.</summary>
public enum ApplicationStatus
{
    /// <summary>Received; the SHA is considering it.</summary>
    UnderReview,

    /// <summary>Accepted by the SHA; waiting for a national wave announcement.</summary>
    Approved,

    /// <summary>Not accepted: it could not demonstrate one of the three criteria.</summary>
    Rejected,

    /// <summary>The consortium withdrew.</summary>
    Withdrawn,

    /// <summary>Announced nationally as a pathfinder in a wave.</summary>
    Announced,

    /// <summary>Has taken on its commissioning responsibilities (go-live).</summary>
    Live,
}
