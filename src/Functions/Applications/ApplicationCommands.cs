using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>What a handler's check makes of a command against the application as it will stand.</summary>
public abstract record CommandCheck
{
    private CommandCheck() { }

    /// <summary>Queue it.</summary>
    public sealed record Accept : CommandCheck;

    /// <summary>The same command was accepted before (a retry whose answer was lost): answer with that one.</summary>
    public sealed record Repeat(string CommandId) : CommandCheck;

    /// <summary>It cannot be done: a 409 with these words.</summary>
    public sealed record Refuse(string Title, string Detail) : CommandCheck;
}

/// <summary>The outcome of <see cref="ApplicationCommands.AcceptAsync"/>: the command id queued, or why not.</summary>
public sealed record CommandAcceptance(string? CommandId, ApplicationStatus Status, CommandCheck.Refuse? Refusal);

/// <summary>
/// Hands a reviewer's command to the application's orchestration durably: it is queued on the read model under the
/// row's ETag (so of two racing decisions exactly one is accepted and the other refused), then the orchestration is
/// woken to apply it. The queue, not the event, carries the command: an event the backend drops (one raised before
/// the instance started) or never sent (a crash in between) loses nothing, as the orchestration applies the queue
/// whenever it wakes, and a retried request re-sends the wake-up.
/// </summary>
public sealed class ApplicationCommands(ApplicationRepository applications)
{
    public Task<CommandAcceptance> AcceptAsync(
        string reference,
        ApplicationCommand command,
        Func<ApplicationRecord, CommandCheck> check,
        DurableTaskClient client,
        CancellationToken ct
    ) => AcceptAsync(reference, null, command, check, client, ct);

    /// <summary>As above, judged first against the record as the caller read it, so the row is read once.</summary>
    public Task<CommandAcceptance> AcceptAsync(
        Stored<ApplicationRecord> known,
        ApplicationCommand command,
        Func<ApplicationRecord, CommandCheck> check,
        DurableTaskClient client,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(known);
        return AcceptAsync(known.Document.Reference, known, command, check, client, ct);
    }

    private async Task<CommandAcceptance> AcceptAsync(
        string reference,
        Stored<ApplicationRecord>? known,
        ApplicationCommand command,
        Func<ApplicationRecord, CommandCheck> check,
        DurableTaskClient client,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(command);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentNullException.ThrowIfNull(client);
        CommandCheck verdict = new CommandCheck.Accept();
        var queued = await applications.UpdateAsync(
            reference,
            record =>
            {
                // Judged afresh on every attempt: a losing ETag race re-reads the record and may now refuse.
                verdict = check(record);
                return verdict switch
                {
                    CommandCheck.Accept => Result.Success(record with { Pending = [.. record.Pending, command] }),
                    CommandCheck.Repeat => Result.Success(record),
                    CommandCheck.Refuse refuse => Result.Failure<ApplicationRecord>(refuse.Detail),
                    _ => throw new InvalidOperationException($"Unknown check {verdict}."),
                };
            },
            ct,
            known
        );
        if (!queued.IsSuccess)
        {
            return new CommandAcceptance(
                null,
                ApplicationStatus.UnderReview,
                verdict as CommandCheck.Refuse ?? new CommandCheck.Refuse("Not found", queued.Error!)
            );
        }
        var id = verdict is CommandCheck.Repeat repeat ? repeat.CommandId : command.Id;
        await client.RaiseEventAsync(reference, ApplicationEvents.CommandAccepted, id, ct);
        return new CommandAcceptance(id, queued.Value.ProjectedStatus, null);
    }
}
