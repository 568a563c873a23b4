using Pathfinder.Domain;

namespace Pathfinder.Functions.Applications;

/// <summary>Turns a decision request into a domain decision, or says which fields are missing or wrong.</summary>
public static class DecisionReading
{
    public static (ReviewDecision? Decision, IReadOnlyList<ValidationProblem> Problems) Read(
        DecisionRequest request,
        string reviewer,
        DateTimeOffset now
    )
    {
        var problems = new List<ValidationProblem>();
        ReviewOutcome? outcome = request.Outcome?.Trim().ToLowerInvariant() switch
        {
            "approved" => ReviewOutcome.Approved,
            "rejected" => ReviewOutcome.Rejected,
            _ => null,
        };
        if (outcome is null)
        {
            problems.Add(new ValidationProblem("outcome", "Say whether the application is 'approved' or 'rejected'."));
        }
        var gp = Criterion(request.Criteria?.GpLeadership, Criteria.GpLeadership, problems);
        var la = Criterion(request.Criteria?.LocalAuthorityEngagement, Criteria.LocalAuthorityEngagement, problems);
        var qipp = Criterion(request.Criteria?.QippContribution, Criteria.QippContribution, problems);
        if (problems.Count > 0)
        {
            return (null, problems);
        }
        var decision = new ReviewDecision(
            outcome!.Value,
            new CriteriaAssessment(gp!, la!, qipp!),
            request.Comments,
            reviewer,
            now
        );
        var ruled = ReviewRules.Check(decision);
        return ruled.Count > 0 ? (null, ruled) : (decision, []);
    }

    private static CriterionAssessment? Criterion(
        CriterionRequest? request,
        Criterion criterion,
        List<ValidationProblem> problems
    )
    {
        if (request?.Demonstrated is not { } demonstrated)
        {
            problems.Add(
                new ValidationProblem(
                    $"criteria.{criterion.Key}.demonstrated",
                    $"Say whether {criterion.InSentence} was demonstrated (true or false)."
                )
            );
            return null;
        }
        return new CriterionAssessment(demonstrated, request.Note);
    }
}
