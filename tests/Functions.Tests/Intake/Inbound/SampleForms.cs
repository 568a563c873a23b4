using Pathfinder.Functions.Intake.Forms;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Intake.Inbound;

/// <summary>
/// The filled-in forms in <c>samples/</c>, renamed per test (consortium name) so that tests sharing an app do not
/// meet the "already under review" rule by accident.
/// </summary>
internal static class SampleForms
{
    private static readonly string Samples = Path.Combine(RepositoryRoot.Find(), "samples");

    public static byte[] Docx(string consortium) => Rename(File.ReadAllBytes(Sample("*.docx")), consortium);

    public static string Text(string consortium)
    {
        var text = File.ReadAllText(Sample("*.txt"));
        return text.Replace(ConsortiumOf(text, null), consortium, StringComparison.Ordinal);
    }

    /// <summary>The invalid sample, as sent.</summary>
    public static (string FileName, byte[] Content) Invalid()
    {
        var file = Directory
            .GetFiles(Samples)
            .Order()
            .First(f => Path.GetFileName(f).Contains("invalid", StringComparison.OrdinalIgnoreCase));
        return (Path.GetFileName(file), File.ReadAllBytes(file));
    }

    private static string Sample(string pattern) =>
        Directory
            .GetFiles(Samples, pattern)
            .Order()
            .First(f => !Path.GetFileName(f).Contains("invalid", StringComparison.OrdinalIgnoreCase));

    private static byte[] Rename(byte[] docx, string consortium) =>
        WordDocuments.ReplaceText(docx, ConsortiumOf(null, docx), consortium);

    private static string ConsortiumOf(string? text, byte[]? docx) =>
        IntakeForms
            .Read(
                text,
                docx is null
                    ? []
                    :
                    [
                        new IntakeAttachment(
                            "form.docx",
                            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                            () => new MemoryStream(docx)
                        ),
                    ]
            )
            .Form.ConsortiumName
        ?? throw new InvalidOperationException("The sample names no consortium.");
}
