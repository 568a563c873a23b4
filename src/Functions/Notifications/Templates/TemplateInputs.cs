namespace Pathfinder.Functions.Notifications.Templates;

// These records travel through orchestration history, so they hold plain values only.

/// <summary>What every message about one expression of interest needs to say.</summary>
public sealed record ApplicationFacts(
    string Reference,
    string ConsortiumName,
    string ShaCode,
    string ShaName,
    string LeadGpName,
    string LeadGpEmail,
    int PracticeCount,
    long RegisteredPopulation,
    DateTimeOffset ReceivedAt,
    DateTimeOffset ReviewDeadline,
    bool ResearchOptIn
);

/// <summary>A criterion the SHA found not demonstrated, in plain words (e.g. "Local Authority engagement"), and
/// why.</summary>
public sealed record CriterionNotMet(string Criterion, string Reason);

/// <summary>One new pathfinder as it appears in a wave digest.</summary>
public sealed record PathfinderListing(
    string Reference,
    string ConsortiumName,
    string ShaName,
    long RegisteredPopulation,
    IReadOnlyList<string> AreasOfWork,
    DateOnly GoLive
);
