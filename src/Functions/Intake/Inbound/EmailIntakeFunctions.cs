using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// The SendGrid Inbound Parse webhook, and the national team's view of what arrived: list, read, release or discard
/// quarantined emails.
/// </summary>
public sealed partial class EmailIntakeFunctions(
    InboundEmailReceiver receiver,
    InboundEmailProcessor processor,
    InboundEmails emails,
    InboundEmailCommands commands,
    ILogger<EmailIntakeFunctions> logger
)
{
    /// <summary>
    /// 200 for every email stored, whatever became of it, so SendGrid does not deliver it again; 4xx when the POST
    /// is not an email we could read (nothing kept); 500 only when storage failed, so SendGrid retries.
    /// </summary>
    [Function(nameof(ReceiveInboundEmail))]
    public async Task<Results<Ok<InboundReceipt>, ProblemHttpResult>> ReceiveInboundEmail(
        [HttpTrigger(AuthorizationLevel.Function, "post", Route = "api/inbound/email")] HttpRequest request,
        [DurableClient] DurableTaskClient client
    )
    {
        var ct = request.HttpContext.RequestAborted;
        InboundEmailRecord email;
        try
        {
            if ((await receiver.ReceiveAsync(request, ct)).Refuses(out var problem, out var received))
            {
                return problem;
            }
            email = received;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotStored(logger, e);
            return TypedResults.Problem(
                statusCode: StatusCodes.Status500InternalServerError,
                title: "The email could not be stored",
                detail: "Storage failed; deliver it again later."
            );
        }
        if (email.Status == InboundEmailStatus.Received)
        {
            email = await ProcessAsync(email, client);
        }
        else if (
            email is { Status: InboundEmailStatus.Redelivered, RedeliveryOf: { } first }
            && await emails.GetAsync(first, CancellationToken.None)
                is { Status: InboundEmailStatus.Received } unprocessed
        )
        {
            // The first delivery was stored but never processed: the process stopped before it answered, which is why
            // SendGrid delivered it again. Processed now, as it would have been; left, the form would wait for
            // someone to release it by hand while SendGrid, answered 200, stops trying.
            LogResumed(logger, email.Id, unprocessed.Id);
            await ProcessAsync(unprocessed, client);
        }
        return TypedResults.Ok(new InboundReceipt(email.Id, email.Status, email.ApplicationReference));
    }

    private async Task<InboundEmailRecord> ProcessAsync(InboundEmailRecord email, DurableTaskClient client)
    {
        try
        {
            return await processor.HandleAsync(email, client, CancellationToken.None);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // Stored, so SendGrid must not redeliver it: it stays Received for the national team to release.
            LogNotProcessed(logger, email.Id, e);
            return email;
        }
    }

    [Function(nameof(ListInboundEmails))]
    public async Task<Results<Ok<List<InboundEmailSummary>>, ProblemHttpResult>> ListInboundEmails(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/inbound")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        if (
            Filters
                .Status<InboundEmailStatus>(request.Query["status"].FirstOrDefault())
                .Refuses(out var problem, out var wanted)
        )
        {
            return problem;
        }
        return TypedResults.Ok(
            (await emails.ListAsync(wanted, request.HttpContext.RequestAborted)).Select(InboundEmailSummary.Of).ToList()
        );
    }

    [Function(nameof(GetInboundEmail))]
    public async Task<Results<Ok<InboundEmailRecord>, ProblemHttpResult>> GetInboundEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/inbound/{id}")] HttpRequest request,
        string id
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return await emails.GetAsync(id, request.HttpContext.RequestAborted) is { } email
            ? TypedResults.Ok(email)
            : Problems.NotFound($"No inbound email {id}.");
    }

    [Function(nameof(ReleaseInboundEmail))]
    public async Task<Results<Ok<InboundEmailRecord>, ConflictProblem, ProblemHttpResult>> ReleaseInboundEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inbound/{id}/release")] HttpRequest request,
        string id,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return Answer(await commands.ReleaseAsync(id, staff, client, request.HttpContext.RequestAborted));
    }

    [Function(nameof(DiscardInboundEmail))]
    public async Task<Results<Ok<InboundEmailRecord>, ConflictProblem, ProblemHttpResult>> DiscardInboundEmail(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/inbound/{id}/discard")] HttpRequest request,
        string id
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        return Answer(await commands.DiscardAsync(id, staff, request.HttpContext.RequestAborted));
    }

    private static Results<Ok<InboundEmailRecord>, ConflictProblem, ProblemHttpResult> Answer(
        InboundDecision decision
    ) =>
        decision switch
        {
            InboundDecision.Done done => TypedResults.Ok(done.Email),
            InboundDecision.NotFound notFound => Problems.NotFound(notFound.Detail),
            InboundDecision.Refused refused => Problems.Conflict(refused.Title, refused.Detail),
            _ => throw new InvalidOperationException($"Unknown decision {decision}"),
        };

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "An inbound email could not be stored; SendGrid will deliver it again"
    )]
    private static partial void LogNotStored(ILogger logger, Exception exception);

    [LoggerMessage(
        Level = LogLevel.Error,
        Message = "Inbound email {EmailId} is stored but could not be processed; it stays received"
    )]
    private static partial void LogNotProcessed(ILogger logger, string emailId, Exception exception);

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "Inbound email {EmailId} redelivers {FirstId}, which was stored but never processed; processing it "
            + "now"
    )]
    private static partial void LogResumed(ILogger logger, string emailId, string firstId);
}

/// <summary>What the webhook answers: the email's id and what became of it.</summary>
public sealed record InboundReceipt(string Id, InboundEmailStatus Status, string? ApplicationReference);

/// <summary>One line of the national team's list.</summary>
public sealed record InboundEmailSummary(
    string Id,
    DateTimeOffset ReceivedAt,
    string From,
    string Subject,
    InboundEmailStatus Status,
    string? ApplicationReference,
    IReadOnlyList<string> Problems
)
{
    public static InboundEmailSummary Of(InboundEmailRecord e) =>
        new(e.Id, e.ReceivedAt, e.From, e.Subject, e.Status, e.ApplicationReference, e.Problems);
}
