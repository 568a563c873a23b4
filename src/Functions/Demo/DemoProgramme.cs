using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Demo;

/// <summary>
/// Loads a programme that tells the story the reports are for into an empty store (<c>./run.sh --demo</c>), through
/// the same use cases and orchestrations as real traffic. In each of the ten SHAs, seven consortia
/// (<see cref="DemoForms"/>): two announced in wave 1 (a quarter of the SHA's population; one already live), two in
/// wave 2 (over half by then, as the seeds say of the second wave), one approved and waiting for wave 3, one rejected
/// (each criterion in turn; four SHAs decide after their deadline), and one under review that runs past its deadline
/// (withdrawn instead in two SHAs). Reminders, escalations and late decisions need the review period to pass:
/// <c>run.sh --demo</c> shortens it to three minutes, so every report is full about four minutes after start.
/// </summary>
public sealed class DemoProgramme(
    ApplicationIntake intake,
    ApplicationRepository applications,
    ApplicationCommands commands,
    WaveCommands waveCommands,
    TimeProvider time,
    ILogger<DemoProgramme> logger
)
{
    /// <summary>A late decision waits for its deadline only this long; past it, decisions are made on time.</summary>
    private static readonly TimeSpan LongestWait = TimeSpan.FromMinutes(10);

    private DurableTaskClient _client = null!;
    private CancellationToken _ct;

    public async Task LoadAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if ((await applications.ListAsync(null, null, cancellationToken)).Count > 0)
        {
            logger.LogInformation("Demo data not loaded: the store already holds applications");
            return;
        }
        (_client, _ct) = (client, cancellationToken);
        var consortia = new Dictionary<(int Sha, int N), string>();
        foreach (var (sha, s) in ShaCode.All.Select((sha, s) => (sha, s)))
        {
            for (var n = 0; n < DemoForms.PerSha; n++)
            {
                var (share, practices) = n switch
                {
                    0 or 1 => (0.125m, 40),
                    2 or 3 => (0.135m, 40),
                    4 => (0.03m, 8),
                    _ => (0.02m, 6),
                };
                var submitted = await intake.SubmitAsync(
                    DemoForms.Form(sha, n, share, practices),
                    "api",
                    client,
                    null,
                    _ct
                );
                consortia[(s, n)] = submitted.Value!.Application.Id;
            }
        }
        string[] Of(params int[] ns) => [.. consortia.Where(c => ns.Contains(c.Key.N)).Select(c => c.Value)];

        // Wave 1: two consortia in each SHA, one of them live on the day it is announced.
        await DecideAllAsync(Of(0, 1), ReviewOutcome.Approved, ApplicationStatus.Approved);
        foreach (var id in Of(0))
        {
            await AcceptAsync(
                id,
                new GoLiveAgreed(NewId(), Reviewer, time.GetUtcNow(), UkTime.DateOf(time.GetUtcNow()))
            );
        }
        await AnnounceWaveAsync(TimeSpan.FromDays(7));
        // Wave 2: two more in each SHA, approved after wave 1's cutoff.
        await DecideAllAsync(Of(2, 3), ReviewOutcome.Approved, ApplicationStatus.Approved);
        await AnnounceWaveAsync(TimeSpan.FromDays(14));
        // Approved after wave 2: waiting for wave 3, scheduled but not yet announced.
        await DecideAllAsync(Of(4), ReviewOutcome.Approved, ApplicationStatus.Approved);
        var now = time.GetUtcNow();
        await waveCommands.ScheduleAsync(now.AddDays(42), now.AddDays(40), client, _ct);

        var withdrawn = new[] { 4, 7 };
        foreach (var (key, id) in consortia.Where(c => c.Key.N == 6 && withdrawn.Contains(c.Key.Sha)))
        {
            await AcceptAsync(
                id,
                new WithdrawalRequested(NewId(), Reviewer, time.GetUtcNow(), "The practices will apply next year.")
            );
        }
        var onTime = consortia.Where(c => c.Key.N == 5 && c.Key.Sha >= 4).ToList();
        foreach (var ((s, _), id) in onTime)
        {
            await AcceptAsync(id, Rejection(s));
        }
        logger.LogInformation(
            "Demo programme loaded: {Count} applications, waves 1 and 2 announced, wave 3 scheduled; "
                + "late decisions follow once their deadlines pass",
            consortia.Count
        );

        // The four late decisions, once their deadlines have passed (or on time if the period is long).
        foreach (var ((s, _), id) in consortia.Where(c => c.Key.N == 5 && c.Key.Sha < 4))
        {
            var deadline = (await applications.GetAsync(id, _ct))!.ReviewDeadline;
            var wait = deadline - time.GetUtcNow() + TimeSpan.FromSeconds(2);
            if (wait > TimeSpan.Zero && wait < LongestWait)
            {
                await Task.Delay(wait, time, _ct);
            }
            await AcceptAsync(id, Rejection(s));
        }
        logger.LogInformation("Demo programme complete: every report has figures");
    }

    /// <summary>Schedules the next wave with its cutoff now, and announces it at once.</summary>
    private async Task AnnounceWaveAsync(TimeSpan announceIn)
    {
        var now = time.GetUtcNow();
        if (
            await waveCommands.ScheduleAsync(now + announceIn, now, _client, _ct) is WaveOutcome.Done { Wave: var wave }
        )
        {
            await waveCommands.AnnounceNowAsync(wave.Number, _client, _ct);
        }
    }

    /// <summary>Decides each application and waits until the records show it, so later cutoffs come after.</summary>
    private async Task DecideAllAsync(IEnumerable<string> ids, ReviewOutcome outcome, ApplicationStatus shows)
    {
        var all = ids.ToList();
        foreach (var id in all)
        {
            await AcceptAsync(id, Decision(outcome, time.GetUtcNow()));
        }
        foreach (var id in all)
        {
            while ((await applications.GetAsync(id, _ct))?.Status != shows)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200), time, _ct);
            }
        }
    }

    private async Task AcceptAsync(string id, ApplicationCommand command)
    {
        // Commands act on the read model, which each orchestration writes in its first step.
        while (await applications.GetAsync(id, _ct) is null)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(200), time, _ct);
        }
        await commands.AcceptAsync(id, command, _ => new CommandCheck.Accept(), _client, _ct);
    }

    private const string Reviewer = "Demo Reviewer";

    private static string NewId() => Guid.NewGuid().ToString("N");

    /// <summary>SHA <paramref name="s"/> turns its group down on one criterion, each criterion in turn.</summary>
    private ApplicationCommand Rejection(int s) =>
        Decision(ReviewOutcome.Rejected, time.GetUtcNow(), Criteria.All[s % 3].Key);

    /// <summary>A reviewer's decision: every criterion demonstrated, or for a rejection all but one.</summary>
    public static ApplicationCommand Decision(
        ReviewOutcome outcome,
        DateTimeOffset now,
        string notMet = Criteria.LocalAuthorityEngagementKey
    )
    {
        CriterionAssessment Assess(string key, string met, string missed) =>
            outcome == ReviewOutcome.Rejected && key == notMet ? new(false, missed) : new(true, met);
        var criteria = new CriteriaAssessment(
            Assess(Criteria.GpLeadershipKey, "Strong GP board.", "Only a third of the practices have signed up."),
            Assess(
                Criteria.LocalAuthorityEngagementKey,
                "Joint group with the council.",
                "No contact with the council yet."
            ),
            Assess(Criteria.QippContributionKey, "Leads a QIPP workstream.", "No part in the local QIPP plan.")
        );
        var id = NewId();
        return new DecisionRecorded(
            id,
            Reviewer,
            now,
            new DecisionRecord(id, outcome, criteria, "Demo decision.", Reviewer, now)
        );
    }
}
