using System.Globalization;
using CsvHelper;
using CsvHelper.Configuration;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>A practices list as a .csv attachment: <c>code,name,list size</c>, with or without a header row.</summary>
public static class CsvPractices
{
    public static void Read(Stream csv, string fileName, FormAnswers answers)
    {
        using var reader = new StreamReader(csv);
        using var parser = new CsvParser(reader, new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = false,
            TrimOptions = TrimOptions.Trim,
            BadDataFound = null,
        });
        var row = 0;
        while (parser.Read())
        {
            row++;
            var cells = parser.Record ?? [];
            if (cells.All(string.IsNullOrWhiteSpace))
            {
                continue;
            }
            if (row == 1 && cells[0].Contains("code", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }
            if (cells.Length < 3)
            {
                answers.Note($"Row {row} of '{fileName}' should have a practice code, name and list size and was ignored.");
                continue;
            }
            answers.AddPractice(cells[0], cells[1], cells[2]);
        }
    }
}
