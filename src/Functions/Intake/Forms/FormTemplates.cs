using System.Collections.Concurrent;
using System.Text;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// The blank forms applicants download, fill in and email; both are built from <see cref="FormFields"/> and the
/// criteria as the letter words them, and state the review period the app applies. Each is built once per period.
/// </summary>
public static class FormTemplates
{
    private static readonly ConcurrentDictionary<TimeSpan, byte[]> Word = new();
    private static readonly ConcurrentDictionary<TimeSpan, string> Texts = new();

    /// <summary>The blank text form with the default review period (four weeks).</summary>
    public static string Text => TextFor(ReviewPeriods.Default.ReviewPeriod);

    /// <summary>The blank text form, served as <c>expression-of-interest.txt</c>.</summary>
    public static string TextFor(TimeSpan reviewPeriod) => Texts.GetOrAdd(reviewPeriod, BuildText);

    /// <summary>The bytes of the blank Word form (.docx) with the default review period; a fresh copy each
    /// call.</summary>
    public static byte[] WordDocument() => WordDocument(ReviewPeriods.Default.ReviewPeriod);

    /// <summary>The bytes of the blank Word form (.docx); a fresh copy each call, so a caller may change it.</summary>
    public static byte[] WordDocument(TimeSpan reviewPeriod) =>
        (byte[])Word.GetOrAdd(reviewPeriod, WordFormTemplate.Build).Clone();

    /// <summary>The letter's three criteria, numbered, the last after "or": "1. evidence of ...;".</summary>
    internal static IEnumerable<string> NumberedCriteria() =>
        Criteria.All.Select(
            (c, i) =>
                $"{i + 1}. "
                + $"{c.LetterWording}{(i == Criteria.All.Count - 1 ? "." : i == Criteria.All.Count - 2 ? "; or" : ";")}"
        );

    internal static string ReviewSentence(TimeSpan reviewPeriod) =>
        $"Your SHA will consider your expression of interest within {ReviewPeriodWords.Describe(reviewPeriod)}.";

    private static string BuildText(TimeSpan reviewPeriod)
    {
        var form = new StringBuilder();
        form.AppendLine("# EXPRESSION OF INTEREST: GP CONSORTIA PATHFINDER PROGRAMME");
        form.AppendLine("# Write each answer after its colon (longer answers may go on the lines below) and email");
        form.AppendLine("# the form to your SHA's pathfinder address. Lines starting with # are guidance and are");
        form.AppendLine("# ignored. Any group of GP practices may join unless it is unable to demonstrate:");
        foreach (var criterion in NumberedCriteria())
        {
            form.AppendLine($"#   {criterion}");
        }
        form.AppendLine($"# {ReviewSentence(reviewPeriod)}");
        form.AppendLine();
        foreach (var field in FormFields.All)
        {
            form.AppendLine($"# {field.Guidance}");
            form.AppendLine($"{field.Label}:");
            form.AppendLine();
        }
        form.AppendLine("# One practice per line: practice code, practice name, registered list size");
        form.AppendLine("# for example: D81001, Riverside Surgery, 8500");
        form.AppendLine($"{FormFields.PracticesLabel}:");
        return form.ToString().ReplaceLineEndings("\n");
    }
}
