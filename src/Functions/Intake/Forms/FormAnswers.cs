using System.Text;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// Collects answers as a reader finds them and turns them into the Domain's form, cutting anything longer than
/// <see cref="FormLimits"/> or <see cref="FormReadLimits"/> allows and saying so: the applicant is told, not refused.
/// </summary>
public sealed class FormAnswers
{
    private readonly Dictionary<FormField, Answer> _answers = [];
    private readonly List<PracticeForm> _practices = [];
    private readonly List<string> _notes = [];
    private bool _practicesCut;

    public IReadOnlyList<string> Notes => _notes;

    public bool HasAnswers => _answers.Count > 0 || _practices.Count > 0;

    /// <summary>An answer given after its label; a second answer to the same question replaces the first, with a
    /// note.</summary>
    public void Set(FormField field, string value)
    {
        var text = value.Trim();
        if (text.Length == 0)
        {
            return;
        }
        if (_answers.ContainsKey(field))
        {
            _notes.Add($"'{FormFields.Of(field).Label}' was answered twice; the later answer was used.");
        }
        _answers[field] = new Answer(Limit(field));
        _answers[field].Append(text, "");
    }

    /// <summary>A further line of a long or list answer; <paramref name="newParagraph"/> keeps a blank line
    /// between.</summary>
    public void Continue(FormField field, string line, bool newParagraph = false)
    {
        if (_answers.TryGetValue(field, out var answer))
        {
            answer.Append(line.Trim(), newParagraph ? "\n\n" : "\n");
        }
        else
        {
            Set(field, line);
        }
    }

    public void AddPractice(string code, string name, string listSize) =>
        AddPractice(code, name, listSize, mergedFrom: null);

    /// <summary>
    /// A practice from a separate list (<paramref name="mergedFrom"/> names the file): one the form already lists is
    /// the same practice, so it is not added twice.
    /// </summary>
    public void AddPractice(string code, string name, string listSize, string? mergedFrom)
    {
        var practice = new PracticeForm
        {
            Code = code.Trim(),
            Name = Cut(name.Trim(), FormLimits.PracticeNameLength, $"The name of practice '{Shorten(code.Trim())}'"),
            ListSize = Cut(
                listSize.Trim(),
                FormReadLimits.ListSizeLength,
                $"The list size of practice '{Shorten(code.Trim())}'"
            ),
        };
        if (mergedFrom is not null && _practices.FirstOrDefault(p => Same(p.Code, practice.Code)) is { } listed)
        {
            if (!Same(listed.Name, practice.Name) || !Same(listed.ListSize, practice.ListSize))
            {
                _notes.Add(
                    $"Practice {practice.Code} is in both the form and '{mergedFrom}' with different details; "
                        + "the form's were kept."
                );
            }
            return;
        }
        if (_practices.Count == FormReadLimits.PracticesRead)
        {
            if (!_practicesCut)
            {
                _practicesCut = true;
                _notes.Add($"Only the first {FormReadLimits.PracticesRead:N0} practices were read.");
            }
            return;
        }
        _practices.Add(practice);
    }

    public void Note(string note) => _notes.Add(note);

    public ExpressionOfInterestForm ToForm() =>
        new()
        {
            ConsortiumName = Text(FormField.ConsortiumName, FormLimits.ConsortiumNameLength),
            ShaCode = Text(FormField.ShaCode, FormReadLimits.ShaCodeLength),
            PctNames = List(FormField.PctNames, FormLimits.PctNameLength),
            LeadGp = new LeadGpForm
            {
                Name = Text(FormField.LeadGpName, FormLimits.PersonNameLength),
                Email = Text(FormField.LeadGpEmail, FormLimits.EmailLength),
                Phone = Text(FormField.LeadGpPhone, FormLimits.PhoneLength),
            },
            Practices = _practices.Count > 0 ? [.. _practices] : null,
            LocalAuthority = Text(FormField.LocalAuthority, FormLimits.LocalAuthorityLength),
            Evidence = new EvidenceForm
            {
                GpLeadership = Text(FormField.GpLeadership, FormLimits.EvidenceLength),
                LocalAuthorityEngagement = Text(FormField.LocalAuthorityEngagement, FormLimits.EvidenceLength),
                QippContribution = Text(FormField.QippContribution, FormLimits.EvidenceLength),
            },
            SupportNeeds = List(FormField.SupportNeeds, FormReadLimits.SupportNeedLength),
            AreasOfWork = List(FormField.AreasOfWork, FormLimits.AreaOfWorkLength),
            ProposedGoLive = Text(FormField.ProposedGoLive, FormReadLimits.GoLiveLength),
            ResearchEvaluationOptIn = YesNo(FormField.ResearchEvaluationOptIn),
        };

    private string? Text(FormField field, int limit) =>
        _answers.TryGetValue(field, out var answer)
            ? Cut(answer.Value, limit, $"The answer to '{FormFields.Of(field).Label}'", answer.Overflowed)
            : null;

    private List<string?>? List(FormField field, int itemLimit)
    {
        if (!_answers.TryGetValue(field, out var answer))
        {
            return null;
        }
        var label = FormFields.Of(field).Label;
        if (answer.Overflowed)
        {
            _notes.Add(
                $"The answer to '{label}' was longer than {FormReadLimits.ListAnswerLength:N0} characters "
                    + "and was cut."
            );
        }
        return
        [
            .. answer
                .Value.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(item => Cut(item.TrimStart('-', '*', '•', ' ', '\t'), itemLimit, $"An item of '{label}'"))
                .Where(item => item.Length > 0),
        ];
    }

    private bool? YesNo(FormField field)
    {
        if (!_answers.TryGetValue(field, out var answer))
        {
            return null;
        }
        switch (answer.Value.Trim().TrimEnd('.', '!').ToLowerInvariant())
        {
            case "yes" or "y" or "true" or "x" or "opt in" or "opted in" or "yes please":
                return true;
            case "no" or "n" or "false" or "opt out" or "opted out" or "no thanks" or "no thank you":
                return false;
            default:
                // Left unanswered rather than guessed; the Domain treats an unanswered opt-in as No, and so says the
                // note.
                _notes.Add(
                    $"'{FormFields.Of(field).Label}' should be Yes or No; '{Shorten(answer.Value)}' was not "
                        + "understood, so it was taken as No."
                );
                return null;
        }
    }

    private string Cut(string value, int limit, string what, bool overflowed = false)
    {
        if (value.Length <= limit && !overflowed)
        {
            return value;
        }
        _notes.Add($"{what} was longer than {limit:N0} characters and was cut.");
        return value.Length <= limit ? value : value[..limit];
    }

    // Every single-line and long answer fits the evidence limit, the longest; each is cut to its own in ToForm.
    private static int Limit(FormField field) =>
        FormFields.Of(field).Kind == FieldKind.List ? FormReadLimits.ListAnswerLength : FormLimits.EvidenceLength;

    private static bool Same(string? a, string? b) =>
        string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    internal static string Shorten(string text) => text.Length <= 60 ? text : text[..57] + "...";

    /// <summary>
    /// Text kept only up to one character past its limit: enough to know it must be cut, without holding a
    /// runaway email's megabytes (or copying them line after line).
    /// </summary>
    private sealed class Answer(int limit)
    {
        private readonly StringBuilder _text = new();

        public bool Overflowed { get; private set; }

        public string Value => _text.ToString();

        public void Append(string line, string separator)
        {
            if (line.Length == 0 || Overflowed)
            {
                return;
            }
            if (_text.Length > 0)
            {
                _text.Append(separator);
            }
            var room = limit + 1 - _text.Length;
            Overflowed = line.Length > room;
            _text.Append(line, 0, Math.Min(line.Length, Math.Max(room, 0)));
        }
    }
}
