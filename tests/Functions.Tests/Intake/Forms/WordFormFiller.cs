using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Pathfinder.Functions.Tests.Intake.Forms;

/// <summary>Fills in the blank Word form as a person would in Word: typing into answer cells, adding practice rows.</summary>
public static class WordFormFiller
{
    public static byte[] Fill(byte[] blank, IReadOnlyDictionary<string, string> answers, IReadOnlyList<string[]> practices)
    {
        using var stream = new MemoryStream();
        stream.Write(blank);
        using (var document = WordprocessingDocument.Open(stream, true))
        {
            var tables = document.MainDocumentPart!.Document!.Body!.Elements<Table>().ToList();
            foreach (var row in tables[0].Elements<TableRow>())
            {
                var cells = row.Elements<TableCell>().ToList();
                if (answers.TryGetValue(cells[0].InnerText, out var answer))
                {
                    cells[1].RemoveAllChildren<Paragraph>();
                    foreach (var line in answer.Split('\n'))
                    {
                        cells[1].Append(new Paragraph(new Run(new Text(line))));
                    }
                }
            }
            var practiceRows = tables[1].Elements<TableRow>().Skip(1).ToList();
            for (var i = 0; i < practices.Count; i++)
            {
                // Past the blank rows a person adds rows, as Word's "insert row below" does.
                var row = i < practiceRows.Count ? practiceRows[i] : tables[1].AppendChild((TableRow)practiceRows[^1].CloneNode(true));
                var cells = row.Elements<TableCell>().ToList();
                for (var c = 0; c < 3; c++)
                {
                    cells[c].RemoveAllChildren<Paragraph>();
                    cells[c].Append(new Paragraph(new Run(new Text(practices[i][c]))));
                }
            }
            document.MainDocumentPart.Document.Save();
        }
        return stream.ToArray();
    }
}
