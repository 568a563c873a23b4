namespace Pathfinder.Domain;

/// <summary>
/// What the programme-wide rules need to know about one application: its practices (for conflicts), and its SHA,
/// registered population and support needs (for coverage). A read model row can hold exactly this.
/// </summary>
public sealed record ApplicationSummary(
    string ApplicationId,
    string ConsortiumName,
    ShaCode Sha,
    ApplicationStatus Status,
    IReadOnlyCollection<PracticeCode> PracticeCodes,
    long RegisteredPopulation,
    IReadOnlyCollection<SupportNeed> SupportNeeds,
    DateTimeOffset ReceivedAt
)
{
    public static ApplicationSummary Of(
        string applicationId,
        ApplicationStatus status,
        ExpressionOfInterest eoi,
        DateTimeOffset receivedAt
    )
    {
        ArgumentNullException.ThrowIfNull(eoi);
        return new ApplicationSummary(
            applicationId,
            eoi.ConsortiumName,
            eoi.Sha,
            status,
            [.. eoi.Practices.Select(p => p.Code)],
            eoi.RegisteredPopulation,
            [.. eoi.SupportNeeds],
            receivedAt
        );
    }
}
