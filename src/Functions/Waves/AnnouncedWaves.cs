using Pathfinder.Functions.Partners;

namespace Pathfinder.Functions.Waves;

/// <summary>The announced waves from the wave table, for the partners' digest history.</summary>
public sealed class AnnouncedWaves(WaveRepository waves) : IAnnouncedWaves
{
    public async Task<IReadOnlyList<AnnouncedWave>> AnnouncedAsync(CancellationToken ct) =>
        [
            .. (await waves.ListAsync(ct))
                .Where(w => w.IsAnnounced)
                .Select(w => new AnnouncedWave(w.Number, WaveOrchestrator.InstanceId(w.Number))),
        ];
}
