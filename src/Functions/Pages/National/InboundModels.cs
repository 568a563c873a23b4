using Pathfinder.Domain;
using Pathfinder.Functions.Intake.Inbound;

namespace Pathfinder.Functions.Pages.National;

/// <summary>The emails waiting for the national team, oldest first.</summary>
public sealed record InboundListModel(IReadOnlyList<InboundEmailRecord> Emails, string? Done);

/// <summary>One held email, whether it may still be released or discarded, problems with the last post, and what was
/// done.</summary>
public sealed record InboundEmailModel(
    InboundEmailRecord Email,
    bool AwaitsDecision,
    IReadOnlyList<ValidationProblem> Problems,
    string? Done
)
{
    /// <summary>Why it was held back, in plain words.</summary>
    public static IReadOnlyList<string> WhyHeld(InboundEmailRecord email) =>
        email.Problems.Count > 0 ? email.Problems
        : email.Status == InboundEmailStatus.Received
            ? ["It was stored, but processing stopped part-way: nobody has answered it."]
        : [];

    /// <summary>The names of its attachments, as the sender gave them.</summary>
    public static IReadOnlyList<string> Attachments(InboundEmailRecord email) =>
        [.. email.Parts.Where(p => p.IsAttachment).Select(p => p.FileName!)];
}
