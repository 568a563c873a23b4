using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Applications;

public sealed class SupportNeedsTests
{
    [Theory]
    [InlineData("GovernanceModels", SupportNeed.GovernanceModels)]
    [InlineData("governancemodels", SupportNeed.GovernanceModels)]
    [InlineData("governance models", SupportNeed.GovernanceModels)]
    [InlineData("Governance", SupportNeed.GovernanceModels)]
    [InlineData("clinical and financial risk", SupportNeed.ClinicalAndFinancialRisk)]
    [InlineData("Clinical & Financial Risk", SupportNeed.ClinicalAndFinancialRisk)]
    [InlineData("leadership and followership development", SupportNeed.LeadershipAndFollowershipDevelopment)]
    [InlineData("leadership", SupportNeed.LeadershipAndFollowershipDevelopment)]
    [InlineData("Public engagement and involvement", SupportNeed.PublicEngagementAndInvolvement)]
    [InlineData("public-engagement", SupportNeed.PublicEngagementAndInvolvement)]
    [InlineData("working with local authorities", SupportNeed.WorkingWithLocalAuthorities)]
    [InlineData("work with local authorities", SupportNeed.WorkingWithLocalAuthorities)]
    [InlineData(" SUPPORT SERVICES ", SupportNeed.SupportServices)]
    public void From_NamesAndPhrases_AreRecognised(string typed, SupportNeed expected)
    {
        var need = SupportNeeds.From(typed);

        Assert.True(need.IsSuccess);
        Assert.Equal(expected, need.Value);
    }

    [Fact]
    public void From_Unknown_ListsTheAllowedNeeds()
    {
        var need = SupportNeeds.From("money");

        Assert.False(need.IsSuccess);
        Assert.Equal(
            "'money' is not a support need we know; choose from: governance models, clinical and financial risk, "
                + "leadership and followership development, public engagement and involvement, "
                + "working with local authorities, support services, working in partnership with PCTs and boards.",
            need.Error
        );
    }
}
