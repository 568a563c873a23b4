namespace Pathfinder.Functions.Partners;

/// <summary>A wave announced, and the orchestration instance its digests were queued under.</summary>
public sealed record AnnouncedWave(int Number, string InstanceId);

/// <summary>
/// The waves announced so far, for a partner's history of digests. Waves implements it: waves know who is told (their
/// digests go to partners), so partners must not know waves in turn.
/// </summary>
public interface IAnnouncedWaves
{
    Task<IReadOnlyList<AnnouncedWave>> AnnouncedAsync(CancellationToken ct);
}
