using System.Text.Json;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>What became of a release or discard: no such email, refused (no longer waiting), or done.</summary>
public abstract record InboundDecision
{
    private InboundDecision() { }

    public sealed record NotFound(string Detail) : InboundDecision;

    public sealed record Refused(string Title, string Detail) : InboundDecision;

    public sealed record Done(InboundEmailRecord Email) : InboundDecision;
}

/// <summary>
/// The national team's decisions on emails held back: which wait for them, and releasing or discarding one, the same
/// whether they use the API or the pages.
/// </summary>
public sealed class InboundEmailCommands(InboundEmails emails, InboundEmailProcessor processor, TimeProvider time)
{
    public const string RefusalTitle = "Only a quarantined or unprocessed email can be released or discarded";

    /// <summary>Quarantined, or stored but never processed (the app failed after storing it): a person
    /// decides.</summary>
    public static bool AwaitsDecision(InboundEmailStatus status) =>
        status is InboundEmailStatus.Quarantined or InboundEmailStatus.Received;

    /// <summary>Every email waiting for a person, oldest first.</summary>
    public async Task<IReadOnlyList<InboundEmailRecord>> AwaitingAsync(CancellationToken ct) =>
        [
            .. (await emails.ListAsync(InboundEmailStatus.Quarantined, ct))
                .Concat(await emails.ListAsync(InboundEmailStatus.Received, ct))
                .OrderBy(e => e.ReceivedAt),
        ];

    /// <summary>Releases the email and processes it as if it had passed the checks (it may start an
    /// application).</summary>
    public async Task<InboundDecision> ReleaseAsync(
        string id,
        Staff staff,
        DurableTaskClient client,
        CancellationToken ct
    )
    {
        var decided = await DecideAsync(id, staff, InboundEmailStatus.Released, ct);
        return decided is InboundDecision.Done done
            ? new InboundDecision.Done(await processor.ReleaseAsync(done.Email, client, CancellationToken.None))
            : decided;
    }

    /// <summary>Discards the email: kept in the archive, never answered.</summary>
    public Task<InboundDecision> DiscardAsync(string id, Staff staff, CancellationToken ct) =>
        DecideAsync(id, staff, InboundEmailStatus.Discarded, ct);

    /// <summary>Moves a waiting email on under its ETag, so two people cannot both release it.</summary>
    private async Task<InboundDecision> DecideAsync(string id, Staff staff, InboundEmailStatus to, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(staff);
        if (await emails.GetAsync(id, ct) is null)
        {
            return new InboundDecision.NotFound($"No inbound email {id}.");
        }
        var changed = await emails.UpdateAsync(
            id,
            e =>
                AwaitsDecision(e.Status)
                    ? Result.Success(e with { Status = to, DecidedBy = staff.Name, DecidedAt = time.GetUtcNow() })
                    : Result.Failure<InboundEmailRecord>(
                        $"Email {id} is {JsonNamingPolicy.CamelCase.ConvertName(e.Status.ToString())}, not "
                            + $"quarantined or waiting."
                    ),
            ct
        );
        return changed.IsSuccess
            ? new InboundDecision.Done(changed.Value!)
            : new InboundDecision.Refused(RefusalTitle, changed.Error!);
    }
}
