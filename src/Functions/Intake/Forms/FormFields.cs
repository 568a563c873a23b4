namespace Pathfinder.Functions.Intake.Forms;

/// <summary>The answers an expression of interest asks for, in the order the forms show them.</summary>
public enum FormField
{
    ConsortiumName,
    ShaCode,
    PctNames,
    LeadGpName,
    LeadGpEmail,
    LeadGpPhone,
    LocalAuthority,
    GpLeadership,
    LocalAuthorityEngagement,
    QippContribution,
    SupportNeeds,
    AreasOfWork,
    ProposedGoLive,
    ResearchEvaluationOptIn,
}

/// <summary>How an answer is written: one line, a list (commas or one per line), or paragraphs of text.</summary>
public enum FieldKind
{
    OneLine,
    List,
    FreeText,
}

/// <summary>One question: its label on the forms, other labels people write, and a line of guidance.</summary>
public sealed record FieldLabel(
    FormField Field,
    string Label,
    IReadOnlyList<string> Synonyms,
    string Guidance,
    FieldKind Kind = FieldKind.OneLine
);

/// <summary>
/// The one list of questions both forms (text and Word) print and both readers understand, so the two
/// cannot drift apart. Labels are matched ignoring case, spaces and punctuation.
/// </summary>
public static class FormFields
{
    public const string PracticesLabel = "Practices";

    public static IReadOnlyList<FieldLabel> All { get; } =
    [
        new(
            FormField.ConsortiumName,
            "Consortium name",
            ["Consortium", "Name of consortium"],
            "The name the group of practices is known by."
        ),
        new(
            FormField.ShaCode,
            "SHA code",
            ["SHA", "Strategic Health Authority", "Strategic Health Authority code"],
            "Q30 to Q39, e.g. Q35 for East of England."
        ),
        new(
            FormField.PctNames,
            "PCT names",
            ["PCT", "PCTs", "PCT name", "Primary Care Trust", "Primary Care Trusts"],
            "The PCT(s) you work with, separated by commas.",
            FieldKind.List
        ),
        new(FormField.LeadGpName, "Lead GP name", ["Lead GP"], "Who leads the consortium."),
        new(
            FormField.LeadGpEmail,
            "Lead GP email",
            ["Email", "E-mail", "Lead GP e-mail"],
            "Where we write to the lead GP."
        ),
        new(FormField.LeadGpPhone, "Lead GP phone", ["Phone", "Telephone", "Lead GP telephone"], "A daytime number."),
        new(FormField.LocalAuthority, "Local Authority", ["LA", "Council"], "The Local Authority you work with."),
        new(
            FormField.GpLeadership,
            "Evidence of GP leadership and support",
            ["GP leadership", "GP leadership and support", "Evidence of local GP leadership and support"],
            "Criterion 1: show local GP leadership and the support of member practices.",
            FieldKind.FreeText
        ),
        new(
            FormField.LocalAuthorityEngagement,
            "Evidence of Local Authority engagement",
            ["Local Authority engagement", "LA engagement"],
            "Criterion 2: show how you work with the Local Authority.",
            FieldKind.FreeText
        ),
        new(
            FormField.QippContribution,
            "Contribution to QIPP",
            ["QIPP", "QIPP contribution", "Contribution to the local QIPP agenda"],
            "Criterion 3: show how you will contribute to the delivery of the local QIPP agenda.",
            FieldKind.FreeText
        ),
        new(
            FormField.SupportNeeds,
            "Support needs",
            ["Support needed", "Support"],
            $"Any of: {Domain.SupportNeeds.FormList}.",
            FieldKind.List
        ),
        new(
            FormField.AreasOfWork,
            "Areas of work",
            ["Areas"],
            "What you will commission first, separated by commas.",
            FieldKind.List
        ),
        new(
            FormField.ProposedGoLive,
            "Proposed go-live date",
            ["Go-live", "Go live", "Go-live date", "Proposed date"],
            "When you propose to take on responsibilities, as 2011-04-01 or 01/04/2011."
        ),
        new(
            FormField.ResearchEvaluationOptIn,
            "Research evaluation opt-in",
            ["Research evaluation", "Evaluation opt-in"],
            "Yes to take part in the research unit's evaluation, otherwise No."
        ),
    ];

    /// <summary>The field a label names, or null (the practices heading is recognised separately).</summary>
    public static FieldLabel? Match(string label)
    {
        var key = Key(label);
        return key.Length == 0
            ? null
            : All.FirstOrDefault(f => Key(f.Label) == key || f.Synonyms.Any(s => Key(s) == key));
    }

    public static FieldLabel Of(FormField field) => All.First(f => f.Field == field);

    public static bool IsPracticesHeading(string label) => Key(label) is "practices" or "memberpractices";

    private static string Key(string label) =>
        new([.. label.Where(char.IsLetterOrDigit).Select(char.ToLowerInvariant)]);
}
