using System.Text;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>The blank forms applicants download, fill in and email; both are built from <see cref="FormFields"/>.</summary>
public static class FormTemplates
{
    private static readonly Lazy<byte[]> Word = new(WordFormTemplate.Build);

    /// <summary>The blank text form, served as <c>expression-of-interest.txt</c>.</summary>
    public static string Text { get; } = BuildText();

    /// <summary>The bytes of the blank Word form (.docx); a fresh copy each call, so a caller may change it.</summary>
    public static byte[] WordDocument() => (byte[])Word.Value.Clone();

    private static string BuildText()
    {
        var form = new StringBuilder();
        form.AppendLine("# EXPRESSION OF INTEREST: GP CONSORTIA PATHFINDER PROGRAMME");
        form.AppendLine("# Write each answer after its colon (longer answers may go on the lines below) and email");
        form.AppendLine("# the form to your SHA's pathfinder address. Lines starting with # are guidance and are");
        form.AppendLine("# ignored. Any group of GP practices may join unless it is unable to demonstrate:");
        form.AppendLine("#   1. evidence of local GP leadership and support;");
        form.AppendLine("#   2. evidence of Local Authority engagement; or");
        form.AppendLine("#   3. an ability to contribute to the delivery of the local QIPP agenda in its locality.");
        form.AppendLine("# Your SHA will consider your expression of interest within four weeks.");
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
