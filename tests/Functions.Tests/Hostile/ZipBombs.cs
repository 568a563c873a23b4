using System.IO.Compression;
using System.Text;
using Pathfinder.Functions.Intake.Forms;

namespace Pathfinder.Functions.Tests.Hostile;

/// <summary>
/// Word documents that are compression bombs: the blank form with its <c>word/document.xml</c> replaced by one that
/// expands to hundreds of megabytes, though the .docx itself is a few hundred kilobytes. Built once per test run.
/// </summary>
internal static class ZipBombs
{
    public const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private const string Start =
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>"
        + "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>";

    private const string End = "</w:body></w:document>";

    private static readonly Lazy<byte[]> OneLongAnswer = new(() =>
        Build(
            Start + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>Consortium name</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>",
            "A",
            "</w:t></w:r></w:p></w:tc></w:tr></w:tbl>" + End
        )
    );

    private static readonly Lazy<byte[]> EmptyParagraphs = new(() => Build(Start, "<w:p/>", End));

    /// <summary>How far each bomb expands: far past <see cref="FormReadLimits.WordDocumentCharacters"/>.</summary>
    public const long ExpandedBytes = 256L * 1024 * 1024;

    /// <summary>One table cell whose text runs to 256 MB: a single string the reader must never build.</summary>
    public static byte[] OneHugeAnswer() => OneLongAnswer.Value;

    /// <summary>256 MB of empty paragraphs: tens of millions of elements the reader must never hold.</summary>
    public static byte[] MillionsOfParagraphs() => EmptyParagraphs.Value;

    public static IntakeAttachment Attachment(byte[] docx, string fileName = "form.docx") =>
        new(fileName, WordType, () => new MemoryStream(docx));

    private static byte[] Build(string start, string repeated, string end)
    {
        using var output = new MemoryStream();
        output.Write(FormTemplates.WordDocument());
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            zip.GetEntry("word/document.xml")!.Delete();
            using var entry = zip.CreateEntry("word/document.xml", CompressionLevel.SmallestSize).Open();
            entry.Write(Encoding.UTF8.GetBytes(start));
            var block = Encoding.UTF8.GetBytes(
                string.Concat(Enumerable.Repeat(repeated, 1024 * 1024 / repeated.Length))
            );
            for (long written = 0; written < ExpandedBytes; written += block.Length)
            {
                entry.Write(block);
            }
            entry.Write(Encoding.UTF8.GetBytes(end));
        }
        return output.ToArray();
    }
}
