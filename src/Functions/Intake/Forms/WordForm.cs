using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// The Word form: guidance, a two-column table of labelled answers, and a practices table. The reader
/// finds answers by their label cell, not their position, so a form with moved or added rows still reads.
/// </summary>
public static class WordForm
{
    private const string CodeHeading = "Practice code";
    private const int BlankPracticeRows = 12;

    /// <summary>The blank form as a .docx file.</summary>
    public static byte[] Blank()
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            var body = new Body(
                Heading("Expression of interest: GP consortia pathfinder programme"),
                Paragraph("Complete the white answer cells and email this document to your SHA's pathfinder address."),
                Paragraph("Any group of practices may join the programme unless it is unable to demonstrate:"),
                Paragraph("• evidence of local GP leadership and support;"),
                Paragraph("• evidence of Local Authority engagement; or"),
                Paragraph("• an ability to contribute to the delivery of the local QIPP agenda in its locality."),
                Paragraph("The SHA will consider your expression of interest within four weeks."),
                Table([.. FormFields.All.Select(f => Row(Cell(f.Label, bold: true), Cell("")))]),
                Heading("Member practices"),
                Table([Row(Cell(CodeHeading, bold: true), Cell("Practice name", bold: true), Cell("Registered list size", bold: true)),
                       .. Enumerable.Range(0, BlankPracticeRows).Select(_ => Row(Cell(""), Cell(""), Cell("")))]));
            main.Document = new Document(body);
            main.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Reads a filled-in copy into <paramref name="answers"/>.</summary>
    /// <exception cref="FormUnreadableException">The file is not a Word document.</exception>
    public static void Read(Stream docx, string fileName, FormAnswers answers)
    {
        WordprocessingDocument document;
        try
        {
            document = WordprocessingDocument.Open(docx, false);
        }
        catch (Exception e) when (e is OpenXmlPackageException or InvalidDataException or IOException or FileFormatException)
        {
            throw new FormUnreadableException($"The attachment '{fileName}' could not be opened as a Word document.", e);
        }
        using (document)
        {
            var tables = document.MainDocumentPart?.Document?.Body?.Descendants<Table>() ?? [];
            foreach (var table in tables)
            {
                var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().Select(Text).ToList()).ToList();
                if (rows.Count > 0 && rows[0].Count >= 3 && rows[0][0].Equals(CodeHeading, StringComparison.OrdinalIgnoreCase))
                {
                    ReadPractices(rows, answers);
                    continue;
                }
                foreach (var cells in rows.Where(c => c.Count >= 2))
                {
                    if (FormFields.Match(cells[0]) is { } field)
                    {
                        answers.Set(field.Field, cells[1]);
                    }
                }
            }
        }
    }

    private static void ReadPractices(List<List<string>> rows, FormAnswers answers)
    {
        for (var i = 1; i < rows.Count; i++)
        {
            var cells = rows[i];
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (string.IsNullOrWhiteSpace(cells[0]))
            {
                answers.Note($"Row {i} of the Word form's practices table has no practice code.");
            }
            answers.AddPractice(cells[0], cells.ElementAtOrDefault(1) ?? "", cells.ElementAtOrDefault(2) ?? "");
        }
    }

    private static string Text(TableCell cell) =>
        string.Join("\n", cell.Elements<Paragraph>().Select(p => p.InnerText)).Trim();

    private static Paragraph Heading(string text) =>
        new(new Run(new RunProperties(new Bold(), new FontSize { Val = "28" }), new Text(text)));

    private static Paragraph Paragraph(string text) => new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    private static TableCell Cell(string text, bool bold = false) =>
        new(new Paragraph(new Run(bold ? new RunProperties(new Bold()) : new RunProperties(), new Text(text))));

    private static TableRow Row(params TableCell[] cells) => new(cells);

    private static Table Table(TableRow[] rows)
    {
        var borders = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 }, new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 }, new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 }, new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 });
        var table = new Table(new TableProperties(borders, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" }));
        table.Append(rows);
        return table;
    }
}

/// <summary>An attachment that could not be read at all; the message says so in plain words.</summary>
public sealed class FormUnreadableException(string message, Exception inner) : Exception(message, inner);
