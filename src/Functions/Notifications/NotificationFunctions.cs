using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Notifications.Delivery;
using Pathfinder.Functions.Notifications.Outbox;

namespace Pathfinder.Functions.Notifications;

/// <summary>The outbox: what the national team sees of it, and the timer that retries what could not be sent.</summary>
public sealed class NotificationFunctions(Outbox.Outbox outbox, NotificationResends resends, JsonSerializerOptions json)
{
    /// <summary>Mail that could not be sent (and anything else in the outbox), for the national team.</summary>
    [Function(nameof(Notifications))]
    public async Task<Results<Ok<IReadOnlyList<OutboxEntry>>, ProblemHttpResult>> Notifications(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/notifications")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        if (
            Filters
                .Status<OutboxStatus>(request.Query["status"].FirstOrDefault())
                .Refuses(out var problem, out var wanted)
        )
        {
            return problem;
        }
        return TypedResults.Ok(await outbox.ListAsync(wanted, 500, request.HttpContext.RequestAborted));
    }

    /// <summary>
    /// Sends a notification again that did not reach someone, optionally to a corrected address (<c>{"to": ...}</c>).
    /// 202 with the copy; the same <c>Idempotency-Key</c> again is the same copy, sent once.
    /// </summary>
    [Function(nameof(ResendNotification))]
    public async Task<
        Results<Accepted<OutboxEntry>, ValidationAnswer, ConflictProblem, ProblemHttpResult>
    > ResendNotification(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/notifications/{instanceId}/{step}/resend")]
            HttpRequest request,
        string instanceId,
        string step
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        ResendRequest? body = null;
        if (request.ContentLength is > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            if ((await JsonBody.ReadAsync<ResendRequest>(request, json)).Refuses(out var problem, out var read))
            {
                return problem;
            }
            body = read;
        }
        var key = request.Headers["Idempotency-Key"].FirstOrDefault() ?? Guid.NewGuid().ToString("N");
        var outcome = await resends.ResendAsync(
            instanceId,
            step,
            string.IsNullOrWhiteSpace(body?.To) ? null : body.To,
            key,
            staff,
            request.HttpContext.RequestAborted
        );
        return outcome switch
        {
            ResendOutcome.Queued queued => TypedResults.Accepted((string?)null, queued.Copy),
            ResendOutcome.Invalid invalid => Problems.Validation(
                invalid.Problems,
                "The notification was not sent again"
            ),
            ResendOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            ResendOutcome.Refused refused => Problems.Conflict(refused.Title, refused.Detail),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
        };
    }

    /// <summary>
    /// Every minute: sends mail whose retry time has come (after a SendGrid outage, say) and puts back any whose
    /// sender died mid-send. Activities send at once; this is the safety net.
    /// </summary>
    [Function(nameof(DispatchOutbox))]
    public Task<int> DispatchOutbox(
        [TimerTrigger("0 */1 * * * *")] TimerInfo timer,
        CancellationToken cancellationToken
    ) => outbox.DispatchAsync(500, cancellationToken);
}

/// <summary>Where to send a notification again: its own recipients when <see cref="To"/> is empty.</summary>
public sealed record ResendRequest(string? To);
