using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Pages.Shared;
using Pathfinder.Functions.Workflows;

namespace Pathfinder.Functions.Pages.National;

/// <summary>
/// The national team's page of workflows out of step, and its restart and terminate buttons, which go through
/// <see cref="WorkflowMending"/> as the API does.
/// </summary>
public sealed class WorkflowPageFunctions(WorkflowChecks checks, WorkflowMending mending, PageAccess access)
{
    [Function(nameof(WorkflowsPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> WorkflowsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/workflows")] HttpRequest request,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var done = request.Query["done"].FirstOrDefault() switch
        {
            "restarted" => "The workflow was restarted from the record. The application's timeline says so.",
            "terminated" => "The workflow was terminated. The application's timeline gives the reason.",
            _ => null,
        };
        return await ShowAsync(request, client, staff, done, [], StatusCodes.Status200OK);
    }

    [Function(nameof(RestartWorkflowOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> RestartWorkflowOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/workflows/{reference}/restart")]
            HttpRequest request,
        string reference,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var outcome = await mending.RestartAsync(client, reference, staff, request.HttpContext.RequestAborted);
        return await AnswerAsync(request, client, staff, reference, outcome, "restarted", null);
    }

    [Function(nameof(TerminateWorkflowOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> TerminateWorkflowOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/workflows/{reference}/terminate")]
            HttpRequest request,
        string reference,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
        var reason = form["reason"].FirstOrDefault();
        var outcome = await mending.TerminateAsync(
            client,
            reference,
            reason,
            staff,
            request.HttpContext.RequestAborted
        );
        return await AnswerAsync(request, client, staff, reference, outcome, "terminated", reason);
    }

    /// <summary>Back to the list with a banner, or the list again with the problem against this application.</summary>
    private async Task<Results<HtmlPage, RedirectHttpResult>> AnswerAsync(
        HttpRequest request,
        DurableTaskClient client,
        Staff staff,
        string reference,
        MendOutcome outcome,
        string done,
        string? reason
    )
    {
        var field = WorkflowListModel.ReasonField(reference);
        return outcome switch
        {
            MendOutcome.Done => TypedResults.Redirect($"/national/workflows?done={done}"),
            MendOutcome.Invalid invalid => await ShowAsync(
                request,
                client,
                staff,
                null,
                [.. invalid.Problems.Select(p => p with { Field = field })],
                StatusCodes.Status400BadRequest,
                reference,
                reason
            ),
            MendOutcome.NotFound notFound => await access.NotFoundAsync(request, staff, notFound.Detail),
            MendOutcome.Refused refused => await ShowAsync(
                request,
                client,
                staff,
                null,
                [
                    new ValidationProblem(
                        "workflow-" + FieldIds.For(reference),
                        $"{reference}: {refused.Title}. {refused.Detail}"
                    ),
                ],
                StatusCodes.Status409Conflict,
                reference,
                reason
            ),
            _ => throw new InvalidOperationException($"Unknown outcome {outcome}"),
        };
    }

    private async Task<Results<HtmlPage, RedirectHttpResult>> ShowAsync(
        HttpRequest request,
        DurableTaskClient client,
        Staff staff,
        string? done,
        IReadOnlyList<ValidationProblem> problems,
        int status,
        string? reasonFor = null,
        string? reason = null
    )
    {
        var entries = await checks.ListAsync(client, request.HttpContext.RequestAborted);
        return await access.Pages.RenderAsync<WorkflowList>(
            request.HttpContext,
            staff,
            new WorkflowListModel([.. entries.Select(e => new WorkflowEntry(e))], done, problems, reasonFor, reason),
            status
        );
    }
}
