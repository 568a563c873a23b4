using System.Text.RegularExpressions;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>One practice line of the text form: <c>code, name, list size</c>, separated by commas, semicolons or
/// tabs.</summary>
internal static partial class TextPractices
{
    public static void Add(string line, int lineNumber, FormAnswers answers)
    {
        var text = line.Trim().TrimStart('-', '*', '•').Trim();
        if (text.Length == 0)
        {
            return;
        }
        var cells =
            text.IndexOfAny([',', ';', '\t']) >= 0
                ? text.Split([',', ';', '\t'], StringSplitOptions.TrimEntries)
                : Spaced().Split(text); // pasted from a spreadsheet as spaces
        cells = JoinThousands(cells);
        if (PracticeColumns.IsHeader(cells))
        {
            return;
        }
        if (cells.Length < 3)
        {
            answers.Note(
                $"Line {lineNumber} '{FormAnswers.Shorten(text)}' should read 'practice code, practice name, "
                    + "list size' and was ignored."
            );
            return;
        }
        // A name may hold a comma ("Market Street Practice, Whittlesey"): the code is first and the list size last.
        answers.AddPractice(cells[0], string.Join(", ", cells[1..^1]), cells[^1]);
    }

    /// <summary>"8,500" split at its comma is one list size, as the Domain reads it, not a name ending "8".</summary>
    private static string[] JoinThousands(string[] cells)
    {
        // Walk back over "000" groups while a code and a name still stand before the number.
        var start = cells.Length - 1;
        while (start >= 3 && ThreeDigits().IsMatch(cells[start]) && Group().IsMatch(cells[start - 1]))
        {
            start--;
        }
        return start == cells.Length - 1 ? cells : [.. cells[..start], string.Join(",", cells[start..])];
    }

    [GeneratedRegex(@"\s{2,}")]
    private static partial Regex Spaced();

    [GeneratedRegex(@"^\d{3}$")]
    private static partial Regex ThreeDigits();

    [GeneratedRegex(@"^\d{1,3}$")]
    private static partial Regex Group();
}
