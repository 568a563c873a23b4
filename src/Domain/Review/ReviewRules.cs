namespace Pathfinder.Domain;

/// <summary>
/// The programme is permissive: "any group of practices that wishes to do so should be able to join the programme
/// unless they are unable to demonstrate" GP leadership and support, Local Authority engagement, or a contribution
/// to the local QIPP agenda (DH letter, 26 October 2010). So a decision must follow from the criteria: approve when
/// all three are demonstrated, reject only by naming what is not, and say why.
/// </summary>
public static class ReviewRules
{
    public const int NoteLength = 2000;
    public const int CommentsLength = 4000;
    public const int ReviewerLength = 200;

    /// <summary>The problems with a decision; empty when it can be recorded.</summary>
    public static IReadOnlyList<ValidationProblem> Check(ReviewDecision decision)
    {
        ArgumentNullException.ThrowIfNull(decision);
        var problems = new List<ValidationProblem>();
        var criteria = Criteria(decision.Criteria);
        var notDemonstrated = criteria.Where(c => !c.Assessment.Demonstrated).ToList();

        if (decision.Outcome == ReviewOutcome.Approved && notDemonstrated.Count > 0)
        {
            problems.Add(
                new(
                    "outcome",
                    "An expression of interest can be approved only when all three criteria are demonstrated; "
                        + $"not demonstrated: {Join(notDemonstrated)}."
                )
            );
        }

        if (decision.Outcome == ReviewOutcome.Rejected && notDemonstrated.Count == 0)
        {
            problems.Add(
                new(
                    "outcome",
                    "A group that demonstrates all three criteria joins the programme, so it cannot be rejected. "
                        + "To reject, mark the criterion it does not demonstrate and say why."
                )
            );
        }

        foreach (var criterion in criteria)
        {
            var note = criterion.Assessment.Note?.Trim();
            var field = $"criteria.{criterion.Field}.note";
            if (!criterion.Assessment.Demonstrated && string.IsNullOrEmpty(note))
            {
                problems.Add(new(field, $"Say why {criterion.Description} is not demonstrated."));
            }
            else if (note?.Length > NoteLength)
            {
                problems.Add(new(field, $"The note is {note.Length:N0} characters long; keep it to {NoteLength:N0}."));
            }
        }

        if (decision.Comments?.Trim().Length > CommentsLength)
        {
            problems.Add(new("comments", $"The comments are too long; keep them to {CommentsLength:N0} characters."));
        }

        var reviewer = decision.Reviewer?.Trim();
        if (string.IsNullOrEmpty(reviewer))
        {
            problems.Add(new("reviewer", "Say who made the decision."));
        }
        else if (reviewer.Length > ReviewerLength)
        {
            problems.Add(new("reviewer", $"The reviewer's name is too long; keep it to {ReviewerLength} characters."));
        }

        return problems;
    }

    private static List<Criterion> Criteria(CriteriaAssessment criteria)
    {
        ArgumentNullException.ThrowIfNull(criteria);
        return [.. Domain.Criteria.All.Select(c => new Criterion(c.Key, c.InSentence, c.In(criteria)))];
    }

    private static string Join(List<Criterion> criteria) => string.Join("; ", criteria.Select(c => c.Description));

    private sealed record Criterion(string Field, string Description, CriterionAssessment Assessment);
}
