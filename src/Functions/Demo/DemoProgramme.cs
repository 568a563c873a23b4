using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Demo;

/// <summary>
/// Loads a realistic programme into an empty store (<c>./run.sh --demo</c>): three fictional consortia in
/// each of the ten SHAs, some approved, one rejected, one withdrawn, and two scheduled waves. It goes
/// through the same use cases and orchestrations as real traffic.
/// </summary>
public sealed class DemoProgramme(
    ApplicationIntake intake,
    ApplicationRepository applications,
    ApplicationCommands commands,
    WaveRepository waves,
    TimeProvider time,
    ILogger<DemoProgramme> logger)
{
    private static readonly string[] Places =
    [
        "Tyneside", "Durham Dales", "Teesside", "Salford", "Cheshire West", "Fylde", "Leeds North", "Hull", "Wakefield",
        "Nottingham City", "Rushcliffe", "Leicester East", "Walsall", "Shropshire", "Coventry", "Fenland", "Ipswich",
        "Hertsmere", "Camden", "Lewisham", "Brent", "Brighton", "East Kent", "Crawley", "Oxford City", "Southampton",
        "Reading", "Bristol", "Cornwall West", "Exeter",
    ];

    public async Task LoadAsync(DurableTaskClient client, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        if ((await applications.ListAsync(null, null, cancellationToken)).Count > 0)
        {
            logger.LogInformation("Demo data not loaded: the store already holds applications");
            return;
        }
        var now = time.GetUtcNow();
        var references = new List<string>();
        for (var i = 0; i < Places.Length; i++)
        {
            var sha = ShaCode.All[i / 3];
            var form = Form(Places[i], sha, i);
            var submitted = await intake.SubmitAsync(form, "api", client, idempotencyKey: null, cancellationToken);
            references.Add(submitted.Value!.Application.Id);
        }
        for (var i = 0; i < references.Count; i++)
        {
            var command = (i % 5) switch
            {
                0 or 1 or 2 => Decision(ReviewOutcome.Approved, now),
                3 when i == 3 => Decision(ReviewOutcome.Rejected, now),
                3 when i == 8 => new ApplicationCommand(Guid.NewGuid().ToString("N"), ApplicationCommandKind.Withdrawal, "demo",
                    now) { Reason = "The practices will apply next year." },
                _ => null,
            };
            if (command is not null)
            {
                // Commands act on the read model, which each orchestration writes in its first step.
                await client.WaitForInstanceStartAsync(references[i], cancellationToken);
                while (await applications.GetAsync(references[i], cancellationToken) is null)
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(200), time, cancellationToken);
                }
                await commands.AcceptAsync(references[i], command, _ => new CommandCheck.Accept(), client, cancellationToken);
            }
        }
        foreach (var (announceIn, cutoffIn) in new[] { (TimeSpan.FromDays(14), TimeSpan.FromDays(10)), (TimeSpan.FromDays(45), TimeSpan.FromDays(40)) })
        {
            var existing = await waves.ListAsync(cancellationToken);
            var wave = WavePlan.Schedule(now + announceIn, now + cutoffIn, [.. existing.Select(w => w.ToWave())], now).Value!;
            await waves.AddAsync(new WaveRecord(wave.Number, wave.AnnounceAt, wave.Cutoff), cancellationToken);
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(WaveOrchestrator), new WaveSchedule(wave.Number, wave.AnnounceAt),
                new StartOrchestrationOptions(WaveOrchestrator.InstanceId(wave.Number)), cancellationToken);
        }
        logger.LogInformation("Demo programme loaded: {Count} applications, 2 scheduled waves", references.Count);
    }

    /// <summary>A reviewer's decision with every criterion demonstrated (or, for a rejection, one not).</summary>
    public static ApplicationCommand Decision(ReviewOutcome outcome, DateTimeOffset now)
    {
        var demonstrated = outcome == ReviewOutcome.Approved;
        var criteria = new CriteriaAssessment(new CriterionAssessment(true, "Strong GP board."),
            new CriterionAssessment(demonstrated, demonstrated ? "Joint group with the council." : "No contact with the council yet."),
            new CriterionAssessment(true, "Leads a QIPP workstream."));
        var id = Guid.NewGuid().ToString("N");
        return new ApplicationCommand(id, ApplicationCommandKind.Decision, "Demo Reviewer", now)
        {
            Decision = new DecisionRecord(id, outcome, criteria, "Demo decision.", "Demo Reviewer", now),
        };
    }

    /// <summary>A complete, valid form for a fictional consortium.</summary>
    public static ExpressionOfInterestForm Form(string place, ShaCode sha, int index) => new()
    {
        ConsortiumName = $"{place} GP Commissioning Consortium",
        ShaCode = sha.Code,
        PctNames = [$"NHS {place}"],
        LeadGp = new LeadGpForm { Name = $"Dr {place.Split(' ')[0]} Lead", Email = $"lead@{place.Replace(" ", "", StringComparison.Ordinal).ToLowerInvariant()}.example.nhs.uk", Phone = "01632 960000" },
        Practices = [.. Enumerable.Range(0, 4 + index % 5).Select(p => new PracticeForm
        {
            Code = $"{(char)('A' + index % 26)}{index:D2}{p:D3}", Name = $"{place} Practice {p + 1}", ListSize = (6000 + 137 * p * (index + 1)).ToString(System.Globalization.CultureInfo.InvariantCulture),
        })],
        LocalAuthority = $"{place} Council",
        Evidence = new EvidenceForm
        {
            GpLeadership = "Every member practice signed the consortium agreement.",
            LocalAuthorityEngagement = "A joint commissioning board with the council meets monthly.",
            QippContribution = "Leads the local urgent care QIPP workstream.",
        },
        SupportNeeds = index % 2 == 0 ? ["governance models", "clinical and financial risk"] : ["leadership and followership development", "working with local authorities"],
        AreasOfWork = index % 3 == 0 ? ["urgent care"] : ["long-term conditions", "prescribing"],
        ProposedGoLive = "2011-04-01",
        ResearchEvaluationOptIn = index % 4 == 0,
    };
}
