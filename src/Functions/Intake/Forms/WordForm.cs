using System.Text;
using System.Xml;
using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// Reads a filled-in Word form (<see cref="FormTemplates.WordDocument"/>). Answers are found by their label cell, not
/// their position, so a form with rows moved, added or deleted still reads; practices by the header of their table.
/// </summary>
public static class WordForm
{
    /// <summary>Reads a filled-in copy into <paramref name="answers"/>; the stream must be seekable (a .docx is a
    /// zip).</summary>
    /// <exception cref="FormUnreadableException">The file is not a Word document, or is damaged.</exception>
    public static void Read(Stream docx, string fileName, FormAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        var unreadable = $"The attachment '{fileName}' could not be opened as a Word document.";
        try
        {
            using var document = WordprocessingDocument.Open(
                docx,
                false,
                new OpenSettings { MaxCharactersInPart = FormReadLimits.WordDocumentCharacters }
            );
            var main = document.MainDocumentPart
                ?? throw new FormUnreadableException(unreadable, new InvalidDataException("No document part."));
            EnsureNotABomb(main);
            var body = main.Document?.Body
                ?? throw new FormUnreadableException(unreadable, new InvalidDataException("No document body."));
            foreach (var table in body.Descendants<Table>())
            {
                ReadTable(table, answers);
            }
        }
        // ArgumentException: System.IO.Packaging's refusal of a relationship whose target is no part URI ("Part URI
        // is empty"), found by fuzzing; the document is damaged, not our call wrong.
        catch (Exception e)
            when (e
                    is OpenXmlPackageException
                        or InvalidDataException
                        or IOException
                        or FileFormatException
                        or XmlException
                        or InvalidOperationException
                        or ArgumentException
            )
        {
            throw new FormUnreadableException(unreadable, e);
        }
    }

    /// <summary>
    /// Counts the document's elements as they stream past, in constant memory, before the reader loads them all:
    /// a few hundred kilobytes of compressed empty paragraphs would otherwise become millions of objects at once.
    /// </summary>
    private static void EnsureNotABomb(MainDocumentPart main)
    {
        using var stream = main.GetStream(FileMode.Open, FileAccess.Read);
        using var xml = XmlReader.Create(
            stream,
            new XmlReaderSettings
            {
                DtdProcessing = DtdProcessing.Prohibit,
                MaxCharactersInDocument = FormReadLimits.WordDocumentCharacters,
            }
        );
        var elements = 0;
        while (xml.Read())
        {
            if (xml.NodeType == XmlNodeType.Element && ++elements > FormReadLimits.WordDocumentElements)
            {
                throw new InvalidDataException(
                    $"The document has more than {FormReadLimits.WordDocumentElements:N0} elements."
                );
            }
        }
    }

    private static void ReadTable(Table table, FormAnswers answers)
    {
        var rows = table.Elements<TableRow>().Select(r => r.Elements<TableCell>().ToList()).ToList();
        var header = rows.Count > 0 ? PracticeColumns.FromHeader([.. rows[0].Select(CellText)]) : null;
        if (header is not null)
        {
            ReadPractices(rows.Skip(1), header, answers);
            return;
        }
        foreach (var cells in rows.Where(c => c.Count >= 2))
        {
            if (FormFields.Match(FirstLine(cells[0])) is { } field)
            {
                answers.Set(field.Field, CellText(cells[1]));
            }
        }
    }

    private static void ReadPractices(IEnumerable<List<TableCell>> rows, PracticeColumns columns, FormAnswers answers)
    {
        var number = 0;
        foreach (var row in rows)
        {
            number++;
            var cells = row.Select(CellText).ToList();
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (columns.CodeOf(cells).Length == 0)
            {
                answers.Note($"The Word form's practices table row {number} has no practice code.");
            }
            answers.AddPractice(columns.CodeOf(cells), columns.NameOf(cells), columns.ListSizeOf(cells));
        }
    }

    private static string FirstLine(TableCell cell) =>
        cell.Descendants<Paragraph>().Select(ParagraphText).FirstOrDefault(t => t.Trim().Length > 0)?.Trim() ?? "";

    private static string CellText(TableCell cell) =>
        string.Join("\n", cell.Descendants<Paragraph>().Select(ParagraphText)).Trim();

    /// <summary>
    /// The text a person sees: typed text, tabs and line breaks; not deleted text of tracked changes, field codes or
    /// a content control's placeholder ("Click here to enter text.").
    /// </summary>
    private static string ParagraphText(Paragraph paragraph)
    {
        var text = new StringBuilder();
        foreach (var element in paragraph.Descendants())
        {
            switch (element)
            {
                case Text typed when !IsPlaceholder(typed):
                    text.Append(typed.Text);
                    break;
                case TabChar:
                    text.Append(' ');
                    break;
                case Break or CarriageReturn:
                    text.Append('\n');
                    break;
                case NoBreakHyphen:
                    text.Append('-');
                    break;
                default:
                    break;
            }
        }
        return text.ToString();
    }

    private static bool IsPlaceholder(Text text) =>
        text.Ancestors<SdtElement>().Any(sdt => sdt.SdtProperties?.GetFirstChild<ShowingPlaceholder>() is not null);
}
