using System.Text.RegularExpressions;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// Reads the plain-text form (<see cref="FormTemplates.Text"/>): <c>Label: value</c> lines; an answer may start on the
/// line after its label; long answers and lists continue on the following lines until the next label; practices as
/// <c>code, name, list size</c> lines under <c>Practices:</c>. Quoted replies (<c>&gt;</c>), guidance (<c>#</c>),
/// and everything after a signature (<c>-- </c>) or a quoted earlier message are ignored.
/// </summary>
public static partial class TextForm
{
    public static void Read(string text, FormAnswers answers)
    {
        using var reader = new StringReader(text);
        Read(reader, answers);
    }

    /// <summary>Reads line by line, so a large .txt attachment is never held whole.</summary>
    public static void Read(TextReader text, FormAnswers answers)
    {
        var state = new ReadState();
        var lineNumber = 0;
        // TextReader.ReadLine accepts CRLF, LF and a lone CR alike; CappedLines keeps a runaway line short.
        using var lines = new CappedLines(text, FormReadLimits.LineLength);
        while (lines.ReadLine() is { } line)
        {
            lineNumber++;
            if (EndsTheForm(line))
            {
                break;
            }
            var trimmed = line.Trim();
            if (trimmed.Length == 0)
            {
                state.BlankLine();
                continue;
            }
            if (trimmed.StartsWith('>') || trimmed.StartsWith('#'))
            {
                continue;
            }
            Line(trimmed, lineNumber, state, answers);
        }
    }

    private static void Line(string line, int lineNumber, ReadState state, FormAnswers answers)
    {
        var labelled = Labelled().Match(line);
        var label = labelled.Success ? labelled.Groups["label"].Value : "";
        var value = labelled.Success ? labelled.Groups["value"].Value : "";
        if (labelled.Success && FormFields.IsPracticesHeading(label))
        {
            state.StartPractices();
            TextPractices.Add(value, lineNumber, answers);
        }
        else if (labelled.Success && FormFields.Match(label) is { } field)
        {
            state.Start(field, hasValue: value.Trim().Length > 0);
            answers.Set(field.Field, value);
        }
        else if (state.Current is { Kind: FieldKind.FreeText } freeText)
        {
            // A colon inside evidence ("Outcome: fewer admissions") is part of the text, not a label.
            answers.Continue(freeText.Field, line, state.TakeParagraphBreak());
        }
        else if (
            state.Current is { } current
            && !labelled.Success
            && (current.Kind == FieldKind.List || !state.HasValue)
        )
        {
            answers.Continue(current.Field, line);
            state.Answered();
        }
        else if (state.InPractices && !labelled.Success)
        {
            TextPractices.Add(line, lineNumber, answers);
        }
        else if (state.InForm)
        {
            answers.Note($"Line {lineNumber} '{FormAnswers.Shorten(line)}' was not understood and was ignored.");
        }
        // Before the first label a line is the covering note ("Dear colleagues, ..."): not part of the form.
    }

    /// <summary>A signature (<c>-- </c>) or the start of a quoted earlier message ends what the sender wrote.</summary>
    private static bool EndsTheForm(string line) =>
        line.TrimEnd() is "--"
        || line.Trim().StartsWith("-----Original Message-----", StringComparison.OrdinalIgnoreCase)
        || ReplyHeader().IsMatch(line);

    [GeneratedRegex(@"^(?<label>[A-Za-z][A-Za-z0-9 '()/&-]{0,60}?)\s*:\s*(?<value>.*)$")]
    private static partial Regex Labelled();

    // "On 26 Oct 2010, at 10:15, Jane Lead <jane@example.nhs.uk> wrote:" as mail clients put above a quoted reply.
    [GeneratedRegex(@"^\s*On .{4,200} wrote:\s*$")]
    private static partial Regex ReplyHeader();

    /// <summary>Where the reader is: which answer a following line continues, and whether it is in the
    /// practices.</summary>
    private sealed class ReadState
    {
        private bool _paragraphBreak;

        public FieldLabel? Current { get; private set; }

        public bool HasValue { get; private set; }

        public bool InPractices { get; private set; }

        public bool InForm { get; private set; }

        public void Start(FieldLabel field, bool hasValue)
        {
            (Current, HasValue, InPractices, InForm, _paragraphBreak) = (field, hasValue, false, true, false);
        }

        public void StartPractices()
        {
            (Current, HasValue, InPractices, InForm) = (null, false, true, true);
        }

        public void Answered()
        {
            HasValue = true;
            if (Current is { Kind: FieldKind.OneLine })
            {
                Current = null;
            }
        }

        // A blank line ends a one-per-line list and separates paragraphs of evidence.
        public void BlankLine()
        {
            if (Current is { Kind: FieldKind.List } && HasValue)
            {
                Current = null;
            }
            _paragraphBreak = HasValue;
        }

        public bool TakeParagraphBreak()
        {
            var paragraph = _paragraphBreak;
            (_paragraphBreak, HasValue) = (false, true);
            return paragraph;
        }
    }
}
