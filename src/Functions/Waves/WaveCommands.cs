using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;

namespace Pathfinder.Functions.Waves;

/// <summary>What became of the national team's wave command: problems to fix, no such wave, a refusal, or
/// done.</summary>
public abstract record WaveOutcome
{
    private WaveOutcome() { }

    public sealed record Invalid(IReadOnlyList<ValidationProblem> Problems) : WaveOutcome;

    public sealed record NotFound(string Detail) : WaveOutcome;

    public sealed record Refused(string Title, string Detail) : WaveOutcome;

    public sealed record Done(WaveRecord Wave) : WaveOutcome;
}

/// <summary>
/// Scheduling a wave, announcing one now, and who an announcement would take: the same rules whether the national
/// team uses the API or the pages. <see cref="WaveActivities.FreezeWave"/> freezes the list <see cref="JoiningAsync"/>
/// shows.
/// </summary>
public sealed class WaveCommands(WaveRepository waves, ApplicationRepository applications, TimeProvider time)
{
    public const string ProblemsTitle = "The wave has problems";

    /// <summary>Schedules the next wave (the Domain's <see cref="WavePlan"/> rules) and starts its
    /// orchestration.</summary>
    public async Task<WaveOutcome> ScheduleAsync(
        DateTimeOffset announceAt,
        DateTimeOffset cutoff,
        DurableTaskClient client,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        while (true)
        {
            var existing = await waves.ListAsync(cancellationToken);
            var scheduled = WavePlan.Schedule(
                announceAt,
                cutoff,
                [.. existing.Select(w => w.ToWave())],
                time.GetUtcNow()
            );
            if (!scheduled.IsValid)
            {
                return new WaveOutcome.Invalid(scheduled.Problems);
            }
            var wave = new WaveRecord(scheduled.Value.Number, scheduled.Value.AnnounceAt, scheduled.Value.Cutoff);
            if (!await waves.AddAsync(wave, cancellationToken))
            {
                continue; // Someone scheduled a wave meanwhile: number again.
            }
            await client.ScheduleNewOrchestrationInstanceAsync(
                nameof(WaveOrchestrator),
                new WaveSchedule(wave.Number, wave.AnnounceAt),
                new StartOrchestrationOptions(WaveOrchestrator.InstanceId(wave.Number)),
                cancellationToken
            );
            return new WaveOutcome.Done(wave);
        }
    }

    /// <summary>Tells the wave's orchestration to announce now; refused once the wave is announced.</summary>
    public async Task<WaveOutcome> AnnounceNowAsync(
        int number,
        DurableTaskClient client,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(client);
        var wave = await waves.GetAsync(number, cancellationToken);
        if (wave is null)
        {
            return new WaveOutcome.NotFound($"There is no wave {number}.");
        }
        if (wave.IsAnnounced)
        {
            return new WaveOutcome.Refused(
                "Already announced",
                $"Wave {number} was announced on {UkTime.Describe(wave.AnnouncedAt!.Value)}."
            );
        }
        // The backend may drop an event raised before the instance has started, so wait for the start first.
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken))
        {
            started.CancelAfter(TimeSpan.FromSeconds(30));
            await client.WaitForInstanceStartAsync(WaveOrchestrator.InstanceId(number), started.Token);
        }
        await client.RaiseEventAsync(
            WaveOrchestrator.InstanceId(number),
            WaveOrchestrator.AnnounceNowEvent,
            "now",
            cancellationToken
        );
        return new WaveOutcome.Done(wave);
    }

    /// <summary>
    /// The applications the wave would announce were it frozen now: every one approved before its cutoff and not yet
    /// announced (the Domain says which wave an approval joins; announced waves take no one more). None once announced.
    /// </summary>
    public async Task<IReadOnlyList<ApplicationRecord>> JoiningAsync(
        WaveRecord wave,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(wave);
        if (wave.IsAnnounced)
        {
            return [];
        }
        var candidates = await applications.ListAsync(null, ApplicationStatus.Approved, cancellationToken);
        var open = (await waves.ListAsync(cancellationToken))
            .Where(w => !w.IsAnnounced)
            .Select(w => w.ToWave())
            .ToList();
        return
        [
            .. candidates.Where(a => a.Decision is { } d && WavePlan.WaveFor(d.DecidedAt, open)?.Number == wave.Number),
        ];
    }
}
