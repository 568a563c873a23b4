using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Workflows;

/// <summary>The reason given for terminating a workflow.</summary>
public sealed record TerminateRequest(string? Reason);

/// <summary>What a restart or termination recorded in the application's timeline.</summary>
public sealed record MendResponse(string Reference, string Recorded);

/// <summary>Workflows out of step, for the national team, and the hourly check that raises them.</summary>
public sealed class WorkflowFunctions(WorkflowChecks checks, WorkflowMending mending, JsonSerializerOptions json)
{
    /// <summary>Every application whose workflow is out of step with its record, the longest-standing first.</summary>
    [Function(nameof(WorkflowsOutOfStep))]
    public async Task<Results<Ok<IReadOnlyList<OutOfStep>>, ProblemHttpResult>> WorkflowsOutOfStep(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/workflows")] HttpRequest request,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return TypedResults.Ok(await checks.ListAsync(client, request.HttpContext.RequestAborted));
    }

    /// <summary>Restarts an application's workflow from its record (202); 409 when it is in step or has
    /// ended.</summary>
    [Function(nameof(RestartWorkflow))]
    public async Task<Results<Accepted<MendResponse>, ConflictProblem, ProblemHttpResult>> RestartWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/workflows/{reference}/restart")]
            HttpRequest request,
        string reference,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return await mending.RestartAsync(client, reference, staff, request.HttpContext.RequestAborted) switch
        {
            MendOutcome.Done done => TypedResults.Accepted((string?)null, new MendResponse(reference, done.What)),
            MendOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            MendOutcome.Refused refused => Problems.Conflict(refused.Title, refused.Detail),
            var other => throw new InvalidOperationException($"A restart takes no input, yet it answered {other}"),
        };
    }

    /// <summary>Terminates a running workflow with a reason (<c>{"reason": ...}</c>); 409 when it is not
    /// running.</summary>
    [Function(nameof(TerminateWorkflow))]
    public async Task<
        Results<Ok<MendResponse>, ValidationAnswer, ConflictProblem, ProblemHttpResult>
    > TerminateWorkflow(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/workflows/{reference}/terminate")]
            HttpRequest request,
        string reference,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        if ((await JsonBody.ReadAsync<TerminateRequest>(request, json)).Refuses(out var problem, out var body))
        {
            return problem;
        }
        return await mending.TerminateAsync(
            client,
            reference,
            body.Reason,
            staff,
            request.HttpContext.RequestAborted
        ) switch
        {
            MendOutcome.Done done => TypedResults.Ok(new MendResponse(reference, done.What)),
            MendOutcome.Invalid invalid => Problems.Validation(invalid.Problems, "The workflow was not terminated"),
            MendOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            MendOutcome.Refused refused => Problems.Conflict(refused.Title, refused.Detail),
            var other => throw new InvalidOperationException($"Unknown outcome {other}"),
        };
    }

    /// <summary>Every hour: one log line per workflow out of step, which the alert in Azure counts.</summary>
    [Function(nameof(CheckWorkflows))]
    public Task<int> CheckWorkflows(
        [TimerTrigger("0 17 * * * *")] TimerInfo timer,
        [DurableClient] DurableTaskClient client,
        CancellationToken cancellationToken
    ) => checks.ReportAsync(client, cancellationToken);
}
