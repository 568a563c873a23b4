using DocumentFormat.OpenXml;
using DocumentFormat.OpenXml.Packaging;
using DocumentFormat.OpenXml.Wordprocessing;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// Builds the blank Word form: title, guidance from the DH letter's three criteria, a two-column table (label with
/// its guidance | answer), and a practices table with a header row and empty rows to type into.
/// </summary>
internal static class WordFormTemplate
{
    public const string CodeHeading = "Practice code";
    private const int BlankPracticeRows = 12;

    public static byte[] Build(TimeSpan reviewPeriod)
    {
        using var stream = new MemoryStream();
        using (var document = WordprocessingDocument.Create(stream, WordprocessingDocumentType.Document))
        {
            var main = document.AddMainDocumentPart();
            main.Document = new Document(
                new Body([
                    Heading("Expression of interest: GP consortia pathfinder programme"),
                    Paragraph(
                        "Type your answers into the right-hand column and email this document to your SHA's "
                            + "pathfinder address. Any group of GP practices may join the programme unless it is "
                            + "unable to demonstrate:"
                    ),
                    .. FormTemplates.NumberedCriteria().Select(Paragraph),
                    Paragraph(
                        FormTemplates.ReviewSentence(reviewPeriod)
                            + " Add rows to the practices table if you need more."
                    ),
                    Table([.. FormFields.All.Select(f => Row(LabelCell(f), Cell("")))], "35%"),
                    Heading("Member practices"),
                    Table(
                        [
                            Row(
                                Cell(CodeHeading, bold: true),
                                Cell("Practice name", bold: true),
                                Cell("Registered list size", bold: true)
                            ),
                            .. Enumerable.Range(0, BlankPracticeRows).Select(_ => Row(Cell(""), Cell(""), Cell(""))),
                        ],
                        null
                    ),
                ])
            );
            main.Document.Save();
        }
        return stream.ToArray();
    }

    private static Paragraph Heading(string text) =>
        new(new Run(new RunProperties(new Bold(), new FontSize { Val = "28" }), new Text(text)));

    private static Paragraph Paragraph(string text) =>
        new(new Run(new Text(text) { Space = SpaceProcessingModeValues.Preserve }));

    // The label's first paragraph is what the reader matches; the guidance below it is for the person filling in.
    private static TableCell LabelCell(FieldLabel field) =>
        new(
            new Paragraph(new Run(new RunProperties(new Bold()), new Text(field.Label))),
            new Paragraph(
                new Run(
                    new RunProperties(new Italic(), new Color { Val = "595959" }, new FontSize { Val = "18" }),
                    new Text(field.Guidance)
                )
            )
        );

    private static TableCell Cell(string text, bool bold = false) =>
        new(new Paragraph(new Run(bold ? new RunProperties(new Bold()) : new RunProperties(), new Text(text))));

    private static TableRow Row(params TableCell[] cells) => new(cells);

    private static Table Table(TableRow[] rows, string? firstColumnWidth)
    {
        var borders = new TableBorders(
            new TopBorder { Val = BorderValues.Single, Size = 4 },
            new BottomBorder { Val = BorderValues.Single, Size = 4 },
            new LeftBorder { Val = BorderValues.Single, Size = 4 },
            new RightBorder { Val = BorderValues.Single, Size = 4 },
            new InsideHorizontalBorder { Val = BorderValues.Single, Size = 4 },
            new InsideVerticalBorder { Val = BorderValues.Single, Size = 4 }
        );
        var table = new Table(
            new TableProperties(borders, new TableWidth { Type = TableWidthUnitValues.Pct, Width = "5000" })
        );
        if (firstColumnWidth is not null)
        {
            foreach (var row in rows)
            {
                row.GetFirstChild<TableCell>()!
                    .PrependChild(
                        new TableCellProperties(
                            new TableCellWidth { Type = TableWidthUnitValues.Pct, Width = firstColumnWidth }
                        )
                    );
            }
        }
        table.Append(rows);
        return table;
    }
}
