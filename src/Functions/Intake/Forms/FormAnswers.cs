using Pathfinder.Domain;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// Collects answers as a reader finds them and turns them into the Domain's form, cutting anything longer
/// than <see cref="FormLimits"/> allows and saying so, so the applicant is told rather than refused.
/// </summary>
public sealed class FormAnswers
{
    private readonly Dictionary<FormField, string> _answers = [];
    private readonly List<PracticeForm> _practices = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<string> Notes => _notes;

    public bool HasAnswers => _answers.Count > 0 || _practices.Count > 0;

    public void Set(FormField field, string value)
    {
        var text = value.Trim();
        if (text.Length > 0)
        {
            _answers[field] = _answers.TryGetValue(field, out var earlier) && FormFields.All.First(f => f.Field == field).FreeText
                ? earlier + "\n" + text
                : text;
        }
    }

    public void AddPractice(string code, string name, string listSize) =>
        _practices.Add(new PracticeForm { Code = code.Trim(), Name = Cut(name.Trim(), FormLimits.PracticeNameLength, "A practice name"), ListSize = listSize.Trim() });

    public void Note(string note) => _notes.Add(note);

    public ExpressionOfInterestForm ToForm() => new()
    {
        ConsortiumName = Text(FormField.ConsortiumName, FormLimits.ConsortiumNameLength),
        ShaCode = Text(FormField.ShaCode, 20),
        PctNames = List(FormField.PctNames),
        LeadGp = new LeadGpForm
        {
            Name = Text(FormField.LeadGpName, FormLimits.PersonNameLength),
            Email = Text(FormField.LeadGpEmail, FormLimits.EmailLength),
            Phone = Text(FormField.LeadGpPhone, FormLimits.PhoneLength),
        },
        Practices = _practices.Count > 0 ? _practices : null,
        LocalAuthority = Text(FormField.LocalAuthority, FormLimits.LocalAuthorityLength),
        Evidence = new EvidenceForm
        {
            GpLeadership = Text(FormField.GpLeadership, FormLimits.EvidenceLength),
            LocalAuthorityEngagement = Text(FormField.LocalAuthorityEngagement, FormLimits.EvidenceLength),
            QippContribution = Text(FormField.QippContribution, FormLimits.EvidenceLength),
        },
        SupportNeeds = List(FormField.SupportNeeds),
        AreasOfWork = List(FormField.AreasOfWork),
        ProposedGoLive = Text(FormField.ProposedGoLive, 40),
        ResearchEvaluationOptIn = YesNo(FormField.ResearchEvaluationOptIn),
    };

    private string? Text(FormField field, int limit) =>
        _answers.TryGetValue(field, out var value) ? Cut(value, limit, $"The answer to '{Label(field)}'") : null;

    private List<string?>? List(FormField field) =>
        _answers.TryGetValue(field, out var value)
            ? [.. value.Split([',', ';', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)]
            : null;

    private bool? YesNo(FormField field)
    {
        if (!_answers.TryGetValue(field, out var value))
        {
            return null;
        }
        switch (value.Trim().TrimEnd('.').ToLowerInvariant())
        {
            case "yes" or "y" or "true" or "x" or "opt in" or "opted in":
                return true;
            case "no" or "n" or "false" or "opt out":
                return false;
            default:
                _notes.Add($"'{Label(field)}' should be Yes or No; '{value}' was read as No.");
                return false;
        }
    }

    private string Cut(string value, int limit, string what)
    {
        if (value.Length <= limit)
        {
            return value;
        }
        _notes.Add($"{what} was longer than {limit} characters and was cut to fit.");
        return value[..limit];
    }

    private static string Label(FormField field) => FormFields.All.First(f => f.Field == field).Label;
}
