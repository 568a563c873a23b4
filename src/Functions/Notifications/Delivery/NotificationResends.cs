using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Notifications.Delivery;

/// <summary>
/// The national team sends a notification again that did not reach someone (never sent, bounced, dropped, blocked or
/// reported as spam), to the same recipients or to a corrected address. The copy is an outbox row of its own, keyed by
/// the request, so pressing the button twice or retrying the request sends it once; the application's timeline says
/// who sent it again, and to whom.
/// </summary>
public sealed class NotificationResends(Outbox.Outbox outbox, IApplicationTimeline timeline)
{
    /// <summary>The longest request key kept as part of the copy's row key.</summary>
    public const int MaxRequestKeyLength = 64;

    /// <summary>A copy's step is the original's, this, and the request's key.</summary>
    public const string Again = ".again.";

    public async Task<ResendOutcome> ResendAsync(
        string instanceId,
        string step,
        string? correctedTo,
        string requestKey,
        Staff by,
        CancellationToken ct
    )
    {
        ArgumentNullException.ThrowIfNull(by);
        var problems = new List<ValidationProblem>();
        if (correctedTo is not null && !EmailAddress.IsValid(correctedTo))
        {
            problems.Add(
                new ValidationProblem("to", "Enter the corrected address as name@example.nhs.uk, or leave it blank.")
            );
        }
        if (
            requestKey.Length is 0 or > MaxRequestKeyLength
            || !requestKey.All(c => char.IsAsciiLetterOrDigit(c) || c == '-')
        )
        {
            problems.Add(
                new ValidationProblem(
                    "requestKey",
                    $"The request key is 1 to {MaxRequestKeyLength} letters, digits or hyphens (a GUID, say)."
                )
            );
        }
        if (problems.Count > 0)
        {
            return new ResendOutcome.Invalid(problems);
        }
        if (!IsKey(instanceId) || !IsKey(step) || await outbox.FindAsync(instanceId, step, ct) is not { } found)
        {
            return new ResendOutcome.NotFound($"No notification {instanceId}/{step}.");
        }
        var (entry, message) = found;
        if (entry.Status != Outbox.OutboxStatus.Failed && !entry.IsDeliveryProblem)
        {
            return new ResendOutcome.Refused(
                "Nothing to mend",
                $"Notification {instanceId}/{step} has not failed and SendGrid has reported no delivery problem for it."
            );
        }

        var to = correctedTo is null
            ? message.To
            :
            [
                new EmailAddress(
                    correctedTo.Trim(),
                    message.To.FirstOrDefault(a => Same(a.Email, entry.Delivery?.Email))?.Name ?? message.To[0].Name
                ),
            ];
        var copyStep = $"{step}{Again}{requestKey}";
        var copy = new EmailMessage(to, message.Subject, message.TextBody, message.HtmlBody)
        {
            Categories = message.Categories,
            IdempotencyKey = $"{instanceId}/{copyStep}",
        };
        var (queued, isNew) = await outbox.TryEnqueueAsync(instanceId, copyStep, copy, ct);
        if (isNew)
        {
            // Only the request that queued the copy writes the line, so a retried request adds no second one.
            var what =
                $"\"{message.Subject}\" sent again to {string.Join(", ", to.Select(a => a.Email))}"
                + (
                    entry.Delivery is { } d && Domain.Notifications.DeliveryRules.IsProblem(d.Report.State)
                        ? $" (the first was {d.Report.State.ToString().ToLowerInvariant()} for {d.Email})"
                        : " (the first could not be sent)"
                );
            await timeline.NoteAsync(instanceId, what, by.Name, ct);
        }
        await outbox.TrySendNowAsync(instanceId, copyStep, ct);
        return new ResendOutcome.Queued(queued);
    }

    private static bool Same(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a value can be an instance id or step (a row key): the answer to any other is 404.</summary>
    public static bool IsKey(string value) =>
        value.Length is > 0 and <= 256 && !value.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c));
}

/// <summary>What became of a request to send a notification again.</summary>
public abstract record ResendOutcome
{
    private ResendOutcome() { }

    /// <summary>The copy is queued (and sent at once if it could be): its own outbox entry.</summary>
    public sealed record Queued(Outbox.OutboxEntry Copy) : ResendOutcome;

    public sealed record Invalid(IReadOnlyList<ValidationProblem> Problems) : ResendOutcome;

    public sealed record NotFound(string Detail) : ResendOutcome;

    public sealed record Refused(string Title, string Detail) : ResendOutcome;
}
