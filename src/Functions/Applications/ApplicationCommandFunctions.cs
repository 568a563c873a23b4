using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// A reviewer's decision, withdrawal and go-live date through the API: read the JSON, let
/// <see cref="ReviewerCommands"/> judge and queue it, and answer 400, 403, 404, 409 or 202 with the application's
/// <c>Location</c>; the orchestration applies it within a second or two.
/// </summary>
public sealed class ApplicationCommandFunctions(
    ApplicationRepository applications,
    ReviewerCommands reviewer,
    JsonSerializerOptions json
)
{
    [Function(nameof(DecideApplication))]
    public async Task<
        Results<Accepted<CommandReceipt>, ValidationAnswer, ConflictProblem, ProblemHttpResult>
    > DecideApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/decision")]
            HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client
    )
    {
        if (
            (await ApplicationAccess.FindAsync(request, id, applications, forChange: true)).Refuses(
                out var refusal,
                out var found
            )
        )
        {
            return refusal;
        }
        if ((await JsonBody.ReadAsync<DecisionRequest>(request, json)).Refuses(out var problem, out var body))
        {
            return problem;
        }
        return Answer(await reviewer.DecideAsync(found, body, client, request.HttpContext.RequestAborted));
    }

    [Function(nameof(WithdrawApplication))]
    public async Task<
        Results<Accepted<CommandReceipt>, ValidationAnswer, ConflictProblem, ProblemHttpResult>
    > WithdrawApplication(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/applications/{id}/withdrawal")]
            HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client
    )
    {
        if (
            (await ApplicationAccess.FindAsync(request, id, applications, forChange: true)).Refuses(
                out var refusal,
                out var found
            )
        )
        {
            return refusal;
        }
        WithdrawalRequest? body = null;
        if (request.ContentLength is > 0 || request.HasJsonContentType())
        {
            if ((await JsonBody.ReadAsync<WithdrawalRequest>(request, json)).Refuses(out var problem, out body))
            {
                return problem;
            }
        }
        return Answer(await reviewer.WithdrawAsync(found, body?.Reason, client, request.HttpContext.RequestAborted));
    }

    [Function(nameof(SetGoLive))]
    public async Task<
        Results<Accepted<CommandReceipt>, ValidationAnswer, ConflictProblem, ProblemHttpResult>
    > SetGoLive(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/applications/{id}/go-live")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client
    )
    {
        if (
            (await ApplicationAccess.FindAsync(request, id, applications, forChange: true)).Refuses(
                out var refusal,
                out var found
            )
        )
        {
            return refusal;
        }
        if (!ApplicationLifecycle.MayAgreeGoLive(found.Record.ProjectedStatus))
        {
            // Said before the body is read: whatever date was sent, it cannot be agreed now.
            return Problems.Conflict(
                "Go-live cannot be set now",
                ApplicationLifecycle.GoLiveRefusal(found.Record.ProjectedStatus)
            );
        }
        if ((await JsonBody.ReadAsync<GoLiveRequest>(request, json)).Refuses(out var problem, out var body))
        {
            return problem;
        }
        return Answer(await reviewer.AgreeGoLiveAsync(found, body.Date, client, request.HttpContext.RequestAborted));
    }

    private static Results<Accepted<CommandReceipt>, ValidationAnswer, ConflictProblem, ProblemHttpResult> Answer(
        CommandOutcome outcome
    ) =>
        outcome switch
        {
            CommandOutcome.Invalid invalid => Problems.Validation(invalid.Problems, invalid.Title),
            CommandOutcome.Refused refused => Problems.Conflict(refused.Title, refused.Detail),
            CommandOutcome.Accepted accepted => TypedResults.Accepted(
                $"/api/applications/{accepted.Receipt.Id}",
                accepted.Receipt
            ),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
        };
}
