namespace Pathfinder.Domain;

/// <summary>
/// One of the three things a group of practices must be able to demonstrate to join (DH letter, 26 October 2010),
/// in each wording the programme uses, so the validator, the forms, the emails and the pages say it the same way.
/// </summary>
/// <param name="Key">The field's name in the API and forms: <c>criteria.{Key}.demonstrated</c>.</param>
/// <param name="Name">As a heading or label: "Local Authority engagement".</param>
/// <param name="InSentence">Inside a sentence: "unable to demonstrate a contribution to the local QIPP agenda".</param>
/// <param name="LetterWording">As the DH letter lists it, for applicants: "evidence of Local Authority
/// engagement".</param>
public sealed record Criterion(string Key, string Name, string InSentence, string LetterWording)
{
    /// <summary>This criterion's assessment within a reviewer's decision.</summary>
    public CriterionAssessment In(CriteriaAssessment criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return Key switch
        {
            Criteria.GpLeadershipKey => criteria.GpLeadership,
            Criteria.LocalAuthorityEngagementKey => criteria.LocalAuthorityEngagement,
            _ => criteria.QippContribution,
        };
    }
}

/// <summary>The three criteria, in the letter's order.</summary>
public static class Criteria
{
    public const string GpLeadershipKey = "gpLeadership";
    public const string LocalAuthorityEngagementKey = "localAuthorityEngagement";
    public const string QippContributionKey = "qippContribution";

    public static Criterion GpLeadership { get; } =
        new(
            GpLeadershipKey,
            "GP leadership and support",
            "local GP leadership and support",
            "evidence of local GP leadership and support"
        );

    public static Criterion LocalAuthorityEngagement { get; } =
        new(
            LocalAuthorityEngagementKey,
            "Local Authority engagement",
            "Local Authority engagement",
            "evidence of Local Authority engagement"
        );

    public static Criterion QippContribution { get; } =
        new(
            QippContributionKey,
            "Contribution to the local QIPP agenda",
            "a contribution to the local QIPP agenda",
            "an ability to contribute to the delivery of the local QIPP agenda in their locality"
        );

    public static IReadOnlyList<Criterion> All { get; } = [GpLeadership, LocalAuthorityEngagement, QippContribution];

    /// <summary>"local GP leadership and support, Local Authority engagement or a contribution to the local QIPP
    /// agenda".</summary>
    public static string ListedInSentence(string conjunction = "or") =>
        $"{All[0].InSentence}, {All[1].InSentence} {conjunction} {All[2].InSentence}";
}
