using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Intake.Inbound;

namespace Pathfinder.Functions.Pages.National;

/// <summary>
/// Emailed forms held back (failed SPF or DKIM, scored as spam, or stored but never processed): the list, one email,
/// and its release and discard buttons, which go through <see cref="InboundEmailCommands"/> as the API does.
/// </summary>
public sealed class InboundPageFunctions(InboundEmails emails, InboundEmailCommands commands, PageAccess access)
{
    [Function(nameof(InboundEmailsPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> InboundEmailsPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/inbound")] HttpRequest request
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var done = request.Query["done"].FirstOrDefault();
        return await access.Pages.RenderAsync<InboundList>(
            request.HttpContext,
            staff,
            new InboundListModel(
                await commands.AwaitingAsync(request.HttpContext.RequestAborted),
                done is "discarded" ? done : null
            )
        );
    }

    [Function(nameof(InboundEmailPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> InboundEmailPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "national/inbound/{id}")] HttpRequest request,
        string id
    )
    {
        if ((await access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var done = request.Query["done"].FirstOrDefault();
        return await ShowAsync(request, staff, id, [], done is "released" ? done : null, StatusCodes.Status200OK);
    }

    [Function(nameof(ReleaseInboundEmailOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> ReleaseInboundEmailOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/inbound/{id}/release")]
            HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return await AnswerAsync(
            request,
            staff,
            id,
            await commands.ReleaseAsync(id, staff, client, request.HttpContext.RequestAborted),
            $"/national/inbound/{Uri.EscapeDataString(id)}?done=released"
        );
    }

    [Function(nameof(DiscardInboundEmailOnPage))]
    public async Task<Results<HtmlPage, RedirectHttpResult>> DiscardInboundEmailOnPage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "national/inbound/{id}/discard")]
            HttpRequest request,
        string id
    )
    {
        if ((await access.SignInToPostAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return await AnswerAsync(
            request,
            staff,
            id,
            await commands.DiscardAsync(id, staff, request.HttpContext.RequestAborted),
            "/national/inbound?done=discarded"
        );
    }

    private async Task<Results<HtmlPage, RedirectHttpResult>> AnswerAsync(
        HttpRequest request,
        Staff staff,
        string id,
        InboundDecision decision,
        string doneAddress
    ) =>
        decision switch
        {
            InboundDecision.Done => TypedResults.Redirect(doneAddress),
            InboundDecision.NotFound notFound => await access.NotFoundAsync(request, staff, notFound.Detail),
            InboundDecision.Refused refused => await ShowAsync(
                request,
                staff,
                id,
                [new ValidationProblem("decision", $"{refused.Title}: {refused.Detail}")],
                null,
                StatusCodes.Status409Conflict
            ),
            _ => throw new InvalidOperationException($"Unknown decision {decision}"),
        };

    private async Task<Results<HtmlPage, RedirectHttpResult>> ShowAsync(
        HttpRequest request,
        Staff staff,
        string id,
        IReadOnlyList<ValidationProblem> problems,
        string? done,
        int status
    )
    {
        if (await emails.GetAsync(id, request.HttpContext.RequestAborted) is not { } email)
        {
            return await access.NotFoundAsync(request, staff, $"No inbound email {id}.");
        }
        return await access.Pages.RenderAsync<InboundEmailDetails>(
            request.HttpContext,
            staff,
            new InboundEmailModel(email, InboundEmailCommands.AwaitsDecision(email.Status), problems, done),
            status
        );
    }
}
