namespace Pathfinder.Domain;

/// <summary>
/// How the national team schedules waves and which wave an approved application joins. Waves follow one another:
/// each is announced after the previous one, with a later cutoff, and numbered in order.
/// </summary>
public static class WavePlan
{
    /// <summary>
    /// Schedules the next wave after <paramref name="existing"/>, giving it the next number, or every problem with it.
    /// </summary>
    public static Validated<Wave> Schedule(
        DateTimeOffset announceAt,
        DateTimeOffset cutoff,
        IReadOnlyCollection<Wave> existing,
        DateTimeOffset now
    )
    {
        ArgumentNullException.ThrowIfNull(existing);
        var wave = new Wave(existing.Count == 0 ? 1 : existing.Max(w => w.Number) + 1, announceAt, cutoff);
        var problems = Check(wave, existing, now);
        return problems.Count == 0 ? Validated.Valid(wave) : Validated.Invalid<Wave>(problems);
    }

    /// <summary>The problems with adding <paramref name="proposed"/> after the waves already scheduled.</summary>
    public static IReadOnlyList<ValidationProblem> Check(
        Wave proposed,
        IReadOnlyCollection<Wave> existing,
        DateTimeOffset now
    )
    {
        ArgumentNullException.ThrowIfNull(proposed);
        ArgumentNullException.ThrowIfNull(existing);
        var problems = new List<ValidationProblem>();
        var previous = existing.MaxBy(w => w.Number);
        var expectedNumber = (previous?.Number ?? 0) + 1;

        if (proposed.Number != expectedNumber)
        {
            problems.Add(new("number", $"The next wave is wave {expectedNumber}, not wave {proposed.Number}."));
        }

        if (proposed.AnnounceAt <= now)
        {
            problems.Add(new("announceAt", "A wave cannot be announced in the past."));
        }

        if (proposed.Cutoff > proposed.AnnounceAt)
        {
            problems.Add(
                new(
                    "cutoff",
                    "The cutoff must not be after the announcement: applications approved by the cutoff are the ones "
                        + "announced."
                )
            );
        }

        if (previous is not null && proposed.AnnounceAt <= previous.AnnounceAt)
        {
            problems.Add(
                new(
                    "announceAt",
                    $"Wave {proposed.Number} must be announced after wave {previous.Number} "
                        + $"({UkTime.Describe(previous.AnnounceAt)})."
                )
            );
        }

        // A cutoff at or before the previous one would leave the new wave with nobody to announce.
        if (previous is not null && proposed.Cutoff <= previous.Cutoff)
        {
            problems.Add(
                new(
                    "cutoff",
                    $"The cutoff must be after wave {previous.Number}'s cutoff ({UkTime.Describe(previous.Cutoff)})."
                )
            );
        }

        return problems;
    }

    /// <summary>
    /// The wave an application approved at <paramref name="approvedAt"/> joins: the earliest wave whose cutoff is
    /// after the approval. Approved exactly at a cutoff is too late for that wave. Since a cutoff is never after its
    /// announcement, that wave is not yet announced at the approval. Null when no scheduled wave fits yet: the
    /// application waits for the national team to schedule one.
    /// </summary>
    public static Wave? WaveFor(DateTimeOffset approvedAt, IEnumerable<Wave> waves)
    {
        ArgumentNullException.ThrowIfNull(waves);
        return waves
            .Where(w => w.Cutoff > approvedAt && w.AnnounceAt >= approvedAt)
            .OrderBy(w => w.Cutoff)
            .FirstOrDefault();
    }
}
