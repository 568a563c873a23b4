using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Pathfinder.Functions.Tests.Intake.Forms;

/// <summary>Fills in the blank Word form as a person would in Word: typing into answer cells, adding practice
/// rows.</summary>
internal static class WordFormFiller
{
    /// <param name="edit">Anything else the person does to the document, such as moving rows about.</param>
    public static byte[] Fill(
        byte[] blank,
        IReadOnlyDictionary<string, string> answers,
        IReadOnlyList<string[]> practices,
        Action<Body>? edit = null
    )
    {
        using var stream = new MemoryStream();
        stream.Write(blank);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var body = document.MainDocumentPart!.Document!.Body!;
            var tables = body.Elements<Table>().ToList();
            foreach (var row in tables[0].Elements<TableRow>())
            {
                var cells = row.Elements<TableCell>().ToList();
                // The label cell's first paragraph is the label; its second is the guidance.
                var label = cells[0].Elements<Paragraph>().First().InnerText;
                if (answers.TryGetValue(label, out var answer))
                {
                    Type(cells[1], answer);
                }
            }
            var practiceRows = tables[1].Elements<TableRow>().Skip(1).ToList();
            for (var i = 0; i < practices.Count; i++)
            {
                // Past the blank rows a person adds rows, as Word's "insert row below" does.
                var row =
                    i < practiceRows.Count
                        ? practiceRows[i]
                        : tables[1].AppendChild((TableRow)practiceRows[^1].CloneNode(true));
                var cells = row.Elements<TableCell>().ToList();
                for (var c = 0; c < 3; c++)
                {
                    Type(cells[c], practices[i][c]);
                }
            }
            edit?.Invoke(body);
            document.MainDocumentPart.Document.Save();
        }
        return stream.ToArray();
    }

    /// <summary>Each line typed becomes a paragraph, as pressing Enter in a cell does.</summary>
    public static void Type(TableCell cell, string text)
    {
        cell.RemoveAllChildren<Paragraph>();
        foreach (var line in text.Split('\n'))
        {
            cell.Append(new Paragraph(new Run(new Text(line))));
        }
    }
}
