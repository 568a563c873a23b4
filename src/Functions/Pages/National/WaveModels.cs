using Pathfinder.Domain;
using Pathfinder.Functions.Pages.Shared;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Pages.National;

/// <summary>The waves page: every wave, the schedule form as typed and its problems, and what was just done.</summary>
public sealed record WaveListModel(
    IReadOnlyList<WaveView> Waves,
    WaveFormValues Form,
    IReadOnlyList<ValidationProblem> Problems,
    string? Done
)
{
    /// <summary>The SHAs' partners still missing (an LMC or a reviewers' mailbox): the page warns until there are
    /// none.</summary>
    public IReadOnlyList<(ShaCode Sha, PartnerKind Kind)> MissingPartners { get; init; } = [];
}

/// <summary>The schedule form's two NHS.UK date inputs, as typed.</summary>
public sealed record WaveFormValues(DateInputValues AnnounceAt, DateInputValues Cutoff)
{
    public static WaveFormValues Empty { get; } = new(DateInputValues.Empty, DateInputValues.Empty);

    /// <summary>On the page a wave is announced at 10:00 UK time on its date; its cutoff is the start of its
    /// date.</summary>
    public static TimeOnly AnnouncedAtTime { get; } = new(10, 0);

    public static WaveFormValues Read(IFormCollection form) =>
        new(DateInputValues.Read(form, "announceAt"), DateInputValues.Read(form, "cutoff"));

    /// <summary>
    /// The two instants, or what is wrong with the boxes: blank or not a real date. Whether the wave fits the
    /// schedule is for <see cref="WaveCommands"/> to say, as it does for the API.
    /// </summary>
    public (DateTimeOffset AnnounceAt, DateTimeOffset Cutoff)? ToInstants(out IReadOnlyList<ValidationProblem> problems)
    {
        var found = new List<ValidationProblem>();
        var announce = Date(
            AnnounceAt,
            "announceAt",
            "Give the date the wave is announced, for example 14 12 2010.",
            "The announcement date must be a real date, for example 14 12 2010.",
            found
        );
        var cutoff = Date(
            Cutoff,
            "cutoff",
            "Give the cutoff: applications approved before it join this wave.",
            "The cutoff must be a real date, for example 10 12 2010.",
            found
        );
        problems = found;
        return announce is { } a && cutoff is { } c
            ? (UkTime.At(a, AnnouncedAtTime), UkTime.At(c, TimeOnly.MinValue))
            : null;
    }

    private static DateOnly? Date(
        DateInputValues typed,
        string field,
        string blank,
        string unreal,
        List<ValidationProblem> problems
    )
    {
        if (typed.IsBlank)
        {
            problems.Add(new ValidationProblem(field, blank));
            return null;
        }
        var date = typed.ToDate();
        if (date is null)
        {
            problems.Add(new ValidationProblem(field, unreal));
        }
        return date;
    }
}

/// <summary>The confirmation before announcing a wave now: the wave and who it would announce.</summary>
public sealed record AnnounceWaveModel(
    WaveView Wave,
    IReadOnlyList<JoiningApplication> Joining,
    IReadOnlyList<ValidationProblem> Problems
)
{
    /// <summary>Who the digests would go to were the wave announced now.</summary>
    public WaveDigestRecipients? Recipients { get; init; }
}

/// <summary>An approved application the announcement would take.</summary>
public sealed record JoiningApplication(
    string Reference,
    string ConsortiumName,
    string Sha,
    string ShaName,
    DateTimeOffset ApprovedAt,
    long RegisteredPopulation
);
