using Microsoft.Azure.Functions.Worker;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Templates;
using Pathfinder.Functions.Partners;

namespace Pathfinder.Functions.Waves;

public sealed record FreezeRequest(int Number, DateTimeOffset AnnouncedAt);

/// <summary>A wave's frozen list, with what the announcement and digests need of each pathfinder.</summary>
public sealed record FrozenWave(int Number, DateTimeOffset AnnouncedAt, IReadOnlyList<FrozenPathfinder> Pathfinders);

public sealed record FrozenPathfinder(string ShaCode, PathfinderListing Listing);

/// <summary>The wave orchestration's steps: freeze the list, send the digests. Each is safe to run more than
/// once.</summary>
public sealed class WaveActivities(
    WaveRepository waves,
    WaveCommands commands,
    ApplicationRepository applications,
    PartnerDirectory partners,
    Notifications.Outbox.Outbox outbox
)
{
    /// <summary>
    /// Freezes the wave: every application approved before its cutoff and not yet announced. Run again, it
    /// returns the list it froze the first time.
    /// </summary>
    [Function(nameof(FreezeWave))]
    public async Task<FrozenWave> FreezeWave([ActivityTrigger] FreezeRequest input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var wave = await waves.GetAsync(input.Number, cancellationToken)
            ?? throw new InvalidOperationException($"Wave {input.Number} does not exist.");
        var joining = (await commands.JoiningAsync(wave, cancellationToken)).Select(a => a.Reference).ToList();
        var frozen = await waves.UpdateAsync(
            input.Number,
            w => Result.Success(w.IsAnnounced ? w : w with { AnnouncedAt = input.AnnouncedAt, Pathfinders = joining }),
            cancellationToken
        );
        var announcedAt = frozen.Value!.AnnouncedAt!.Value;
        var pathfinders = new List<FrozenPathfinder>();
        foreach (var reference in frozen.Value.Pathfinders)
        {
            if (await applications.GetAsync(reference, cancellationToken) is { } record)
            {
                pathfinders.Add(
                    new FrozenPathfinder(
                        record.ShaCode,
                        new PathfinderListing(
                            record.Reference,
                            record.ConsortiumName,
                            ShaCode.From(record.ShaCode).Value!.Name,
                            record.RegisteredPopulation,
                            record.AreasOfWork,
                            GoLive.AgreedOrDefault(record.AgreedGoLive, announcedAt)
                        )
                    )
                );
            }
        }
        return new FrozenWave(input.Number, announcedAt, pathfinders);
    }

    /// <summary>
    /// One digest per recipient: each LMC and each SHA its own area's new pathfinders; the national bodies
    /// and the national team the whole list. Queued under the wave's instance id, one step per partner, to all its
    /// addresses. The partners are read from the directory when the digests are sent, so an address the national team
    /// changed before the announcement is the one used.
    /// </summary>
    [Function(nameof(SendWaveDigests))]
    public async Task<int> SendWaveDigests([ActivityTrigger] FrozenWave input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(input);
        var token = cancellationToken;
        var digests = new List<(Partner Partner, IReadOnlyList<PathfinderListing> Listings)>();
        foreach (var area in input.Pathfinders.GroupBy(p => p.ShaCode))
        {
            var listings = area.Select(p => p.Listing).ToList();
            foreach (
                var partner in (await partners.RecipientsAsync(PartnerKind.Lmc, area.Key, token)).Concat(
                    await partners.RecipientsAsync(PartnerKind.ShaReviewers, area.Key, token)
                )
            )
            {
                digests.Add((partner, listings));
            }
        }
        var national = input.Pathfinders.Select(p => p.Listing).ToList();
        foreach (
            var partner in (await partners.RecipientsAsync(PartnerKind.NationalBody, null, token)).Concat(
                await partners.RecipientsAsync(PartnerKind.NationalTeam, null, token)
            )
        )
        {
            digests.Add((partner, national));
        }

        var instance = WaveOrchestrator.InstanceId(input.Number);
        var steps = new List<string>();
        foreach (var (partner, listings) in digests)
        {
            // Keyed by the partner's id, so a retried activity finds its row, and the partner's page finds its digest.
            var step = PartnerCommands.DigestStep(partner.Id);
            var email = NotificationTemplates.WaveDigest(partner.Name, input.Number, input.AnnouncedAt, listings);
            await outbox.EnqueueAsync(
                instance,
                step,
                email.ToMessage(partner.ToAddresses(), "WaveDigest", $"{instance}/{step}"),
                token
            );
            steps.Add(step);
        }
        await Parallel.ForEachAsync(
            steps,
            new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = token },
            async (step, t) => await outbox.TrySendNowAsync(instance, step, t)
        );
        return digests.Count;
    }
}
