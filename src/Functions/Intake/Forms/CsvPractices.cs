using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// A practices list as a .csv attachment: <c>code,name,list size</c>, with or without a header row, quoted fields
/// allowed. Read row by row, so a large file is never held whole; it adds to the practices the form lists.
/// </summary>
public static class CsvPractices
{
    public static void Read(Stream csv, string fileName, FormAnswers answers)
    {
        ArgumentNullException.ThrowIfNull(answers);
        using var stream = new StreamReader(csv);
        using var reader = new CappedLines(stream, FormReadLimits.LineLength);
        using var parser = new CsvParser(
            reader,
            new CsvConfiguration(CultureInfo.InvariantCulture)
            {
                HasHeaderRecord = false,
                TrimOptions = TrimOptions.Trim,
                // A stray quote is read as typed; the Domain then names the practice whose details look wrong.
                BadDataFound = null,
                // Spreadsheets in some locales save with semicolons.
                DetectDelimiter = true,
            }
        );
        var columns = PracticeColumns.InOrder;
        var row = 0;
        try
        {
            while (parser.Read())
            {
                row++;
                var cells = parser.Record ?? [];
                if (cells.All(string.IsNullOrWhiteSpace))
                {
                    continue;
                }
                if (row == 1 && PracticeColumns.FromHeader(cells) is { } header)
                {
                    columns = header;
                    continue;
                }
                if (cells.Length < 3 && columns == PracticeColumns.InOrder)
                {
                    answers.Note(
                        $"Row {row} of '{fileName}' should have a practice code, name and list size and was ignored."
                    );
                    continue;
                }
                answers.AddPractice(
                    columns.CodeOf(cells),
                    columns.NameOf(cells),
                    columns.ListSizeOf(cells),
                    mergedFrom: fileName
                );
            }
        }
        catch (CsvHelperException)
        {
            answers.Note(
                $"'{fileName}' could not be read as a .csv list after row {row}; the rows before it were read."
            );
        }
    }
}
