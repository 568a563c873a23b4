using Pathfinder.Domain;

namespace Pathfinder.Domain.Tests.Review;

public sealed class ReviewRulesTests
{
    private static readonly CriterionAssessment Shown = new(true, null);
    private static readonly DateTimeOffset DecidedAt = new(2010, 11, 20, 14, 0, 0, TimeSpan.Zero);

    private static ReviewDecision Decision(
        ReviewOutcome outcome,
        CriterionAssessment? gpLeadership = null,
        CriterionAssessment? localAuthority = null,
        CriterionAssessment? qipp = null,
        string reviewer = "Jo Bloggs, NHS North East"
    ) =>
        new(
            outcome,
            new CriteriaAssessment(gpLeadership ?? Shown, localAuthority ?? Shown, qipp ?? Shown),
            Comments: null,
            reviewer,
            DecidedAt
        );

    [Fact]
    public void Approve_WhenAllThreeDemonstrated_IsAccepted()
    {
        Assert.Empty(ReviewRules.Check(Decision(ReviewOutcome.Approved)));
    }

    [Fact]
    public void Approve_WhenACriterionIsNotDemonstrated_IsRefusedNamingIt()
    {
        var decision = Decision(ReviewOutcome.Approved, localAuthority: new(false, "No contact with the council."));

        Assert.Equal(
            [
                new ValidationProblem(
                    "outcome",
                    "An expression of interest can be approved only when all three criteria are demonstrated; "
                        + "not demonstrated: Local Authority engagement."
                ),
            ],
            ReviewRules.Check(decision)
        );
    }

    [Fact]
    public void Reject_NamingACriterionWithAReason_IsAccepted()
    {
        var decision = Decision(ReviewOutcome.Rejected, qipp: new(false, "No QIPP plan was offered."));

        Assert.Empty(ReviewRules.Check(decision));
    }

    [Fact]
    public void Reject_WhenAllThreeDemonstrated_IsRefusedBecauseTheProgrammeIsPermissive()
    {
        var problem = Assert.Single(ReviewRules.Check(Decision(ReviewOutcome.Rejected)));

        Assert.Equal("outcome", problem.Field);
        Assert.Equal(
            "A group that demonstrates all three criteria joins the programme, so it cannot be rejected. "
                + "To reject, mark the criterion it does not demonstrate and say why.",
            problem.Message
        );
    }

    [Theory]
    [InlineData(null)]
    [InlineData("   ")]
    public void Reject_WithoutAReasonForEachCriterionNotDemonstrated_AsksForEveryMissingReason(string? note)
    {
        var decision = Decision(
            ReviewOutcome.Rejected,
            gpLeadership: new(false, note),
            localAuthority: new(false, "Council not involved."),
            qipp: new(false, note)
        );

        Assert.Equal(
            [
                new ValidationProblem(
                    "criteria.gpLeadership.note",
                    "Say why local GP leadership and support is not demonstrated."
                ),
                new ValidationProblem(
                    "criteria.qippContribution.note",
                    "Say why a contribution to the local QIPP agenda is not demonstrated."
                ),
            ],
            ReviewRules.Check(decision)
        );
    }

    [Fact]
    public void Decision_WithoutAReviewer_IsRefused()
    {
        var problem = Assert.Single(ReviewRules.Check(Decision(ReviewOutcome.Approved, reviewer: " ")));

        Assert.Equal(new ValidationProblem("reviewer", "Say who made the decision."), problem);
    }
}
