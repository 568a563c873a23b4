using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// Answers to emailed forms that did not start an application. Everything the sender wrote is plain text to
/// <see cref="EmailWriter"/>, which HTML-encodes it.
/// </summary>
public static class InboundReplies
{
    private const string Programme = "GP consortia pathfinder programme";

    /// <summary>The form could not be accepted: each problem in plain words, and how to send it again.</summary>
    public static RenderedEmail Problems(
        InboundEmailRecord email,
        IReadOnlyList<string> problems,
        IReadOnlyList<string> notes,
        string formsBaseUrl,
        string? resendTo
    )
    {
        ArgumentNullException.ThrowIfNull(email);
        var writer = new EmailWriter($"Your expression of interest could not be accepted yet: {Subject(email)}")
            .Paragraph("Dear colleague,")
            .Paragraph(
                $"Thank you for your email \"{Subject(email)}\", received on {UkFormat.DayAndTime(email.ReceivedAt)}. "
                    + $"We could not start your expression of interest in the {Programme} because of the problems "
                    + $"below."
            )
            .Heading("What to fix")
            .Bullets(problems);
        if (notes.Count > 0)
        {
            writer.Heading("What we noticed while reading your email").Bullets(notes);
        }
        return writer
            .Heading("How to send it again")
            .Paragraph(
                "Please correct the form and send it again"
                    + (resendTo is null ? "" : $" to {resendTo}")
                    + ". "
                    + "Fill in the Word form or the text form, attach it (or paste the text form into the body of "
                    + "your email), and list the member practices in the form or in a .csv attachment "
                    + "(code, name, list size)."
            )
            .Facts(
                ("Word form", $"{formsBaseUrl.TrimEnd('/')}/api/forms/expression-of-interest.docx"),
                ("Text form", $"{formsBaseUrl.TrimEnd('/')}/api/forms/expression-of-interest.txt")
            )
            .Paragraph("We have kept your email; nothing you sent is lost.")
            .SignOff("Pathfinder team", Programme)
            .Render();
    }

    /// <summary>The consortium's earlier expression of interest is still being considered.</summary>
    public static RenderedEmail AlreadyUnderReview(
        InboundEmailRecord email,
        string consortiumName,
        string reference,
        DateTimeOffset reviewDeadline,
        string shaName
    )
    {
        ArgumentNullException.ThrowIfNull(email);
        return new EmailWriter($"Your expression of interest is already being considered ({reference})")
            .Paragraph("Dear colleague,")
            .Paragraph(
                $"Thank you for your email \"{Subject(email)}\", received on {UkFormat.DayAndTime(email.ReceivedAt)}. "
                    + $"{shaName} Strategic Health Authority is already considering the expression of interest from "
                    + $"{consortiumName}, so we have not started a second one."
            )
            .Facts(
                ("Reference", reference),
                ("Consortium", consortiumName),
                ("Decision due by", UkFormat.DayAndTime(reviewDeadline))
            )
            .Paragraph(
                $"We have kept your email with the application's records. Please quote {reference} whenever you "
                    + "contact us about this expression of interest. If something in it has changed, tell your SHA's "
                    + "pathfinder lead rather than sending the form again."
            )
            .SignOff("Pathfinder team", Programme)
            .Render();
    }

    private static string Subject(InboundEmailRecord email) =>
        string.IsNullOrWhiteSpace(email.Subject) ? "(no subject)" : EmailWriter.OneLine(email.Subject);
}
