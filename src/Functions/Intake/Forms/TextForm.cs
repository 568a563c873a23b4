using System.Text;
using System.Text.RegularExpressions;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// The plain-text form: <c>Label: value</c> lines, long answers continuing on the following lines, and
/// practices as <c>code, name, list size</c> lines under <c>Practices:</c>. Quoted replies (<c>&gt;</c>),
/// guidance (<c>#</c>) and anything after a signature line (<c>-- </c>) are ignored.
/// </summary>
public static partial class TextForm
{
    public static string Template { get; } = BuildTemplate();

    public static void Read(string text, FormAnswers answers)
    {
        FieldLabel? current = null;
        var inPractices = false;
        var lines = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n').Split('\n');
        for (var i = 0; i < lines.Length; i++)
        {
            var line = lines[i];
            if (line.TrimEnd() is "--" or "-- ")
            {
                break;
            }
            var trimmed = line.Trim();
            if (trimmed.Length == 0 || trimmed.StartsWith('>') || trimmed.StartsWith('#'))
            {
                continue;
            }

            var labelled = Labelled().Match(trimmed);
            if (labelled.Success && FormFields.IsPracticesHeading(labelled.Groups["label"].Value))
            {
                inPractices = true;
                current = null;
                AddPractice(labelled.Groups["value"].Value, i + 1, answers);
                continue;
            }
            if (labelled.Success && FormFields.Match(labelled.Groups["label"].Value) is { } field)
            {
                inPractices = false;
                current = field;
                answers.Set(field.Field, labelled.Groups["value"].Value);
                continue;
            }
            if (inPractices)
            {
                AddPractice(trimmed, i + 1, answers);
            }
            else if (current is { FreeText: true })
            {
                answers.Set(current.Field, trimmed);
            }
            else if (labelled.Success)
            {
                answers.Note($"Line {i + 1} '{Shorten(trimmed)}' was not understood and was ignored.");
            }
        }
    }

    private static void AddPractice(string line, int lineNumber, FormAnswers answers)
    {
        if (line.Trim().Length == 0)
        {
            return;
        }
        var cells = line.Split([',', ';', '\t'], StringSplitOptions.TrimEntries);
        if (cells.Length >= 3 && !(lineNumber > 0 && cells[0].Contains("code", StringComparison.OrdinalIgnoreCase)))
        {
            answers.AddPractice(cells[0], string.Join(", ", cells[1..^1]), cells[^1]);
        }
        else if (!cells[0].Contains("code", StringComparison.OrdinalIgnoreCase))
        {
            answers.Note($"Line {lineNumber} '{Shorten(line)}' should read 'practice code, practice name, list size' and was ignored.");
        }
    }

    private static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    private static string BuildTemplate()
    {
        var form = new StringBuilder();
        form.AppendLine("# EXPRESSION OF INTEREST: GP CONSORTIA PATHFINDER PROGRAMME");
        form.AppendLine("# Write each answer after its colon and email the form to your SHA's pathfinder address.");
        form.AppendLine("# Lines starting with # are guidance and are ignored. A group of practices joins unless it");
        form.AppendLine("# cannot show GP leadership and support, Local Authority engagement, or a contribution to QIPP.");
        form.AppendLine();
        foreach (var field in FormFields.All)
        {
            form.AppendLine($"# {field.Guidance}");
            form.AppendLine($"{field.Label}: ");
            form.AppendLine();
        }
        form.AppendLine("# One practice per line: practice code, practice name, registered list size");
        form.AppendLine("# for example: D81001, Riverside Surgery, 8500");
        form.AppendLine($"{FormFields.PracticesLabel}:");
        return form.ToString();
    }

    [GeneratedRegex(@"^(?<label>[A-Za-z][A-Za-z0-9 '()/&-]{0,60}?)\s*:\s*(?<value>.*)$")]
    private static partial Regex Labelled();
}
