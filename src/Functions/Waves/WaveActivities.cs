using Pathfinder.Domain;
using Pathfinder.Durable;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Templates;
using Pathfinder.Functions.Partners;

namespace Pathfinder.Functions.Waves;

public sealed record FreezeRequest(int Number, DateTimeOffset AnnouncedAt);

/// <summary>A wave's frozen list, with what the announcement and digests need of each pathfinder.</summary>
public sealed record FrozenWave(int Number, DateTimeOffset AnnouncedAt, IReadOnlyList<FrozenPathfinder> Pathfinders);

public sealed record FrozenPathfinder(string ShaCode, PathfinderListing Listing);

/// <summary>
/// Freezes the wave: every application approved before its cutoff and not yet announced. Run again, it
/// returns the list it froze the first time.
/// </summary>
public sealed class FreezeWave(WaveRepository waves, ApplicationRepository applications) : TaskActivity<FreezeRequest, FrozenWave>
{
    public override async Task<FrozenWave> RunAsync(TaskActivityContext context, FreezeRequest input)
    {
        var wave = await waves.GetAsync(input.Number, context.CancellationToken)
                   ?? throw new InvalidOperationException($"Wave {input.Number} does not exist.");
        var candidates = wave.IsAnnounced ? [] : await applications.ListAsync(null, ApplicationStatus.Approved, context.CancellationToken);
        // The Domain says which wave an approval joins; waves already announced take no one more.
        var open = (await waves.ListAsync(context.CancellationToken)).Where(w => !w.IsAnnounced).Select(w => w.ToWave()).ToList();
        var joining = candidates
            .Where(a => a.Decision is { } d && WavePlan.WaveFor(d.DecidedAt, open)?.Number == input.Number)
            .Select(a => a.Reference).ToList();
        var frozen = await waves.UpdateAsync(input.Number, w => Result.Success(w.IsAnnounced
            ? w
            : w with { AnnouncedAt = input.AnnouncedAt, Pathfinders = joining }), context.CancellationToken);
        var announcedAt = frozen.Value!.AnnouncedAt!.Value;
        var pathfinders = new List<FrozenPathfinder>();
        foreach (var reference in frozen.Value.Pathfinders)
        {
            if (await applications.GetAsync(reference, context.CancellationToken) is { } record)
            {
                var chosen = GoLive.Choose(record.AgreedGoLive, announcedAt);
                pathfinders.Add(new FrozenPathfinder(record.ShaCode, new PathfinderListing(record.Reference,
                    record.ConsortiumName, ShaCode.From(record.ShaCode).Value!.Name, record.RegisteredPopulation,
                    record.AreasOfWork, chosen.IsSuccess ? chosen.Value : GoLive.DefaultDate(announcedAt))));
            }
        }
        return new FrozenWave(input.Number, announcedAt, pathfinders);
    }
}

/// <summary>Tells each application's orchestration that its wave is announced.</summary>
public sealed class AnnounceApplications(DurableTaskClient client) : TaskActivity<FrozenWave, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, FrozenWave input)
    {
        await Parallel.ForEachAsync(input.Pathfinders,
            new ParallelOptions { MaxDegreeOfParallelism = 16, CancellationToken = context.CancellationToken },
            async (pathfinder, token) => await client.RaiseEventAsync(pathfinder.Listing.Reference, ApplicationCommand.EventName,
                new ApplicationCommand(ApplicationCommandKind.Announcement, "national team", input.AnnouncedAt)
                {
                    Wave = input.Number,
                }, token));
        return input.Pathfinders.Count;
    }
}

/// <summary>
/// One digest per recipient: each LMC and each SHA its own area's new pathfinders; the national bodies
/// and the national team the whole list.
/// </summary>
public sealed class SendWaveDigests(PartnerDirectory partners, Notifications.Outbox.Outbox outbox) : TaskActivity<FrozenWave, int>
{
    public override async Task<int> RunAsync(TaskActivityContext context, FrozenWave input)
    {
        var token = context.CancellationToken;
        var digests = new List<(Partner Partner, IReadOnlyList<PathfinderListing> Listings)>();
        foreach (var area in input.Pathfinders.GroupBy(p => p.ShaCode))
        {
            var listings = area.Select(p => p.Listing).ToList();
            foreach (var partner in (await partners.GetAsync(PartnerKind.Lmc, area.Key, token))
                     .Concat(await partners.GetAsync(PartnerKind.ShaReviewers, area.Key, token)))
            {
                digests.Add((partner, listings));
            }
        }
        var national = input.Pathfinders.Select(p => p.Listing).ToList();
        foreach (var partner in (await partners.GetAsync(PartnerKind.NationalBody, null, token))
                 .Concat(await partners.GetAsync(PartnerKind.NationalTeam, null, token)))
        {
            digests.Add((partner, national));
        }

        var steps = new List<string>();
        foreach (var (partner, listings) in digests)
        {
            var step = $"{context.TaskId:D4}-{partner.Kind}-{partner.Code}";
            var email = NotificationTemplates.WaveDigest(partner.Name, input.Number, input.AnnouncedAt, listings);
            await outbox.EnqueueAsync(context.InstanceId, step,
                email.ToMessage([new EmailAddress(partner.Email, partner.Name)], "WaveDigest", $"{context.InstanceId}/{step}"),
                token);
            steps.Add(step);
        }
        await Parallel.ForEachAsync(steps, new ParallelOptions { MaxDegreeOfParallelism = 8, CancellationToken = token },
            async (step, t) => await outbox.TrySendNowAsync(context.InstanceId, step, t));
        return digests.Count;
    }
}
