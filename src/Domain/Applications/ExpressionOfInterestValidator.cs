using System.Globalization;

namespace Pathfinder.Domain;

/// <summary>
/// Turns a raw <see cref="ExpressionOfInterestForm"/> into an <see cref="ExpressionOfInterest"/>, collecting every
/// problem rather than stopping at the first, because the applicant fixes the form in one sitting.
/// </summary>
public static class ExpressionOfInterestValidator
{
    private static readonly string[] DateFormats = ["yyyy-MM-dd", "d/M/yyyy"];

    public static Validated<ExpressionOfInterest> Validate(ExpressionOfInterestForm form)
    {
        ArgumentNullException.ThrowIfNull(form);
        var problems = new List<ValidationProblem>();

        var consortiumName = Text(
            form.ConsortiumName,
            "consortiumName",
            FormLimits.ConsortiumNameLength,
            "the consortium name",
            problems,
            ifMissing: "Give the consortium's name."
        );
        var sha = ShaCode.From(form.ShaCode);
        if (!sha.IsSuccess)
        {
            problems.Add(new("shaCode", sha.Error));
        }

        var pctNames = PctNames(form.PctNames, problems);
        var leadGp = LeadGpOf(form.LeadGp ?? new LeadGpForm(), problems);
        var practices = Practices(form.Practices, problems);
        var localAuthority = Text(
            form.LocalAuthority,
            "localAuthority",
            FormLimits.LocalAuthorityLength,
            "the Local Authority name",
            problems,
            ifMissing: "Name the Local Authority the consortium works with."
        );
        var evidence = EvidenceOf(form.Evidence ?? new EvidenceForm(), problems);
        var supportNeeds = SupportNeedsOf(form.SupportNeeds, problems);
        var areasOfWork = AreasOfWork(form.AreasOfWork, problems);
        var proposedGoLive = ProposedGoLive(form.ProposedGoLive, problems);

        if (problems.Count > 0 || !sha.IsSuccess)
        {
            return Validated.Invalid<ExpressionOfInterest>(problems);
        }

        return Validated.Valid(
            new ExpressionOfInterest(
                consortiumName,
                sha.Value,
                pctNames,
                leadGp,
                practices,
                localAuthority,
                evidence,
                supportNeeds,
                areasOfWork,
                proposedGoLive,
                form.ResearchEvaluationOptIn ?? false
            )
        );
    }

    private static List<string> PctNames(IReadOnlyList<string?>? names, List<ValidationProblem> problems)
    {
        var given = Entries(names);
        if (given.Count == 0)
        {
            problems.Add(new("pctNames", "Name at least one Primary Care Trust (PCT) the consortium works with."));
        }
        else if (given.Count > FormLimits.PctNames)
        {
            problems.Add(new("pctNames", $"List at most {FormLimits.PctNames} PCTs; there are {given.Count}."));
        }

        foreach (var (index, name) in given)
        {
            TooLong(name, $"pctNames[{index}]", FormLimits.PctNameLength, "the PCT name", problems);
        }

        return [.. given.Select(g => g.Text)];
    }

    private static LeadGp LeadGpOf(LeadGpForm form, List<ValidationProblem> problems)
    {
        var name = Text(
            form.Name,
            "leadGp.name",
            FormLimits.PersonNameLength,
            "the lead GP's name",
            problems,
            ifMissing: "Say who the lead GP is."
        );
        var email = Text(
            form.Email,
            "leadGp.email",
            FormLimits.EmailLength,
            "the lead GP's email address",
            problems,
            ifMissing: "Give the lead GP's email address."
        );
        if (email.Length > 0 && !ContactDetails.LooksLikeEmail(email))
        {
            problems.Add(
                new(
                    "leadGp.email",
                    $"'{Quoted.Text(email)}' is not an email address (it should look like name@nhs.net)."
                )
            );
        }

        var phone = Text(
            form.Phone,
            "leadGp.phone",
            FormLimits.PhoneLength,
            "the lead GP's phone number",
            problems,
            ifMissing: "Give a phone number for the lead GP."
        );
        if (phone.Length > 0 && !ContactDetails.LooksLikeUkPhone(phone))
        {
            problems.Add(
                new(
                    "leadGp.phone",
                    $"phone number '{Quoted.Text(phone)}' is not a UK phone number (10 or 11 digits, like 0191 123 "
                        + $"4567)."
                )
            );
        }

        return new LeadGp(name, email, phone);
    }

    private static List<MemberPractice> Practices(IReadOnlyList<PracticeForm?>? forms, List<ValidationProblem> problems)
    {
        if (forms is null || forms.Count == 0)
        {
            problems.Add(new("practices", "List the member practices: at least one."));
            return [];
        }

        if (forms.Count > FormLimits.Practices)
        {
            problems.Add(new("practices", $"List at most {FormLimits.Practices} practices; there are {forms.Count}."));
        }

        var practices = new List<MemberPractice>();
        var firstSeenAt = new Dictionary<PracticeCode, int>();
        for (var i = 0; i < forms.Count; i++)
        {
            var practice = PracticeOf(forms[i] ?? new PracticeForm(), i, problems);
            if (practice is null)
            {
                continue;
            }

            if (firstSeenAt.TryGetValue(practice.Code, out var first))
            {
                problems.Add(
                    new(
                        $"practices[{i}].code",
                        $"practice {practice.Code} is listed twice (it is also practice {first + 1} in the list)."
                    )
                );
                continue;
            }

            firstSeenAt.Add(practice.Code, i);
            practices.Add(practice);
        }

        return practices;
    }

    private static MemberPractice? PracticeOf(PracticeForm form, int index, List<ValidationProblem> problems)
    {
        var field = $"practices[{index}]";
        var code = PracticeCode.From(form.Code);
        if (!code.IsSuccess)
        {
            problems.Add(new($"{field}.code", code.Error));
        }

        // Name the practice by its code when we can: "practice 3" means little to someone reading an email.
        var which = code.IsSuccess ? $"practice {code.Value}" : $"practice {index + 1} in the list";
        var name = Text(
            form.Name,
            $"{field}.name",
            FormLimits.PracticeNameLength,
            $"the name of {which}",
            problems,
            ifMissing: $"Give the name of {which}."
        );
        var listSize = ListSize(form.ListSize, $"{field}.listSize", which, problems);

        return code.IsSuccess && name.Length > 0 && listSize is { } size
            ? new MemberPractice(code.Value, name, size)
            : null;
    }

    private static int? ListSize(string? text, string field, string which, List<ValidationProblem> problems)
    {
        var trimmed = text?.Trim() ?? string.Empty;
        if (trimmed.Length == 0)
        {
            problems.Add(new(field, $"Give the registered list size of {which} (the number of patients)."));
            return null;
        }

        // "12,345" is how list sizes are usually written in the UK.
        const NumberStyles WholeNumber = NumberStyles.AllowThousands | NumberStyles.AllowLeadingSign;
        if (!long.TryParse(trimmed, WholeNumber, CultureInfo.InvariantCulture, out var size))
        {
            problems.Add(new(field, $"list size '{Quoted.Text(trimmed)}' is not a whole number"));
            return null;
        }

        if (size <= 0)
        {
            problems.Add(new(field, $"list size '{Quoted.Text(trimmed)}' must be more than zero"));
            return null;
        }

        if (size > FormLimits.ListSize)
        {
            problems.Add(
                new(
                    field,
                    $"list size '{Quoted.Text(trimmed)}' is more than any practice has (the limit is "
                        + $"{FormLimits.ListSize:N0})"
                )
            );
            return null;
        }

        return (int)size;
    }

    private static Evidence EvidenceOf(EvidenceForm form, List<ValidationProblem> problems) =>
        new(
            Text(
                form.GpLeadership,
                "evidence.gpLeadership",
                FormLimits.EvidenceLength,
                "the evidence of GP leadership and support",
                problems,
                ifMissing: "Describe the evidence of local GP leadership and support."
            ),
            Text(
                form.LocalAuthorityEngagement,
                "evidence.localAuthorityEngagement",
                FormLimits.EvidenceLength,
                "the evidence of Local Authority engagement",
                problems,
                ifMissing: "Describe the evidence of the consortium's engagement with the Local Authority."
            ),
            Text(
                form.QippContribution,
                "evidence.qippContribution",
                FormLimits.EvidenceLength,
                "the contribution to QIPP",
                problems,
                ifMissing: "Describe how the consortium will contribute to the local QIPP agenda "
                    + "(quality, innovation, productivity and prevention)."
            )
        );

    private static HashSet<SupportNeed> SupportNeedsOf(IReadOnlyList<string?>? names, List<ValidationProblem> problems)
    {
        var needs = new HashSet<SupportNeed>();
        foreach (var (index, name) in Entries(names))
        {
            var need = SupportNeeds.From(name);
            if (need.IsSuccess)
            {
                needs.Add(need.Value);
            }
            else
            {
                problems.Add(new($"supportNeeds[{index}]", need.Error));
            }
        }

        return needs;
    }

    private static List<string> AreasOfWork(IReadOnlyList<string?>? areas, List<ValidationProblem> problems)
    {
        var given = Entries(areas);
        if (given.Count > FormLimits.AreasOfWork)
        {
            problems.Add(
                new("areasOfWork", $"List at most {FormLimits.AreasOfWork} areas of work; there are {given.Count}.")
            );
        }

        foreach (var (index, area) in given)
        {
            TooLong(area, $"areasOfWork[{index}]", FormLimits.AreaOfWorkLength, "this area of work", problems);
        }

        return [.. given.Select(g => g.Text)];
    }

    private static DateOnly? ProposedGoLive(string? text, List<ValidationProblem> problems)
    {
        var trimmed = text?.Trim();
        if (string.IsNullOrEmpty(trimmed))
        {
            return null;
        }

        if (
            DateOnly.TryParseExact(
                trimmed,
                DateFormats,
                CultureInfo.InvariantCulture,
                DateTimeStyles.None,
                out var date
            )
        )
        {
            return date;
        }

        problems.Add(
            new(
                "proposedGoLive",
                $"proposed go-live date '{Quoted.Text(trimmed)}' is not a date; write it like 2011-04-01 or 01/04/2011"
            )
        );
        return null;
    }

    /// <summary>The non-blank entries of a list, trimmed, with their positions in the list as sent.</summary>
    private static List<(int Index, string Text)> Entries(IReadOnlyList<string?>? items) =>
        items is null
            ? []
            : [.. items.Select((item, index) => (index, item?.Trim() ?? string.Empty)).Where(e => e.Item2.Length > 0)];

    /// <summary>The trimmed text, or empty with a problem when it is missing; too long is a problem too.</summary>
    private static string Text(
        string? value,
        string field,
        int maxLength,
        string what,
        List<ValidationProblem> problems,
        string ifMissing
    )
    {
        var text = value?.Trim() ?? string.Empty;
        if (text.Length == 0)
        {
            problems.Add(new(field, ifMissing));
        }
        else
        {
            TooLong(text, field, maxLength, what, problems);
        }

        return text;
    }

    private static void TooLong(string text, string field, int maxLength, string what, List<ValidationProblem> problems)
    {
        if (text.Length > maxLength)
        {
            problems.Add(
                new(field, $"{Capitalise(what)} is {text.Length:N0} characters long; keep it to {maxLength:N0}.")
            );
        }
    }

    private static string Capitalise(string text) => string.Concat(text[..1].ToUpperInvariant(), text[1..]);
}
