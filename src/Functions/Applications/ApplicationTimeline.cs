using Pathfinder.Domain;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Applications;

/// <summary>Writes a line to an application's timeline for those outside Applications (a notification sent
/// again).</summary>
public sealed class ApplicationTimeline(ApplicationRepository applications, TimeProvider time) : IApplicationTimeline
{
    /// <summary>Nothing is written for an instance that is not an application (a wave's digest, a partner's
    /// test).</summary>
    public async Task NoteAsync(string reference, string what, string by, CancellationToken ct) =>
        await applications.UpdateAsync(reference, r => Result.Success(r.With(time.GetUtcNow(), what, by)), ct);
}
