using System.Text.Json;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Intake.Inbound;

/// <summary>
/// The SendGrid Inbound Parse webhook, and the national team's view of what arrived: list, read, release or discard
/// quarantined emails.
/// </summary>
public static partial class EmailIntakeEndpoints
{
    public static IEndpointRouteBuilder MapEmailIntake(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/inbound/email", ReceiveAsync).AddEndpointFilter<IntakeKeyFilter>().DisableAntiforgery();
        var national = app.MapGroup("/api/inbound").RequireAuthorization(Security.NationalPolicy);
        national.MapGet("", ListAsync);
        national.MapGet("{id}", GetAsync);
        national.MapPost("{id}/release", ReleaseAsync);
        national.MapPost("{id}/discard", DiscardAsync);
        return app;
    }

    /// <summary>
    /// 200 for every email stored, whatever became of it, so SendGrid does not deliver it again; 4xx when the POST
    /// is not an email we could read (nothing kept); 500 only when storage failed, so SendGrid retries.
    /// </summary>
    private static async Task<IResult> ReceiveAsync(HttpRequest request, InboundEmailReceiver receiver,
        InboundEmailProcessor processor, ILoggerFactory loggers)
    {
        var logger = loggers.CreateLogger(typeof(EmailIntakeEndpoints));
        var ct = request.HttpContext.RequestAborted;
        InboundEmailRecord email;
        try
        {
            var (received, problem) = await receiver.ReceiveAsync(request, ct);
            if (problem is not null)
            {
                return problem;
            }
            email = received!;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogNotStored(logger, e);
            return TypedResults.Problem(statusCode: StatusCodes.Status500InternalServerError,
                title: "The email could not be stored", detail: "Storage failed; deliver it again later.");
        }
        if (email.Status == InboundEmailStatus.Received)
        {
            try
            {
                email = await processor.HandleAsync(email, CancellationToken.None);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // Stored, so SendGrid must not redeliver it: it stays Received for the national team to release.
                LogNotProcessed(logger, email.Id, e);
            }
        }
        return TypedResults.Ok(new InboundReceipt(email.Id, email.Status, email.ApplicationReference));
    }

    private static async Task<IResult> ListAsync(InboundEmails emails, string? status, CancellationToken ct)
    {
        InboundEmailStatus? wanted = null;
        if (status is not null)
        {
            if (!Enum.TryParse<InboundEmailStatus>(status, ignoreCase: true, out var parsed) || int.TryParse(status, out _))
            {
                return Problems.Field("status", $"'{status}' is not a status; use one of " +
                    string.Join(", ", Enum.GetNames<InboundEmailStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName)) + ".",
                    "The list could not be filtered");
            }
            wanted = parsed;
        }
        return TypedResults.Ok((await emails.ListAsync(wanted, ct)).Select(InboundEmailSummary.Of).ToList());
    }

    private static async Task<IResult> GetAsync(string id, InboundEmails emails, CancellationToken ct) =>
        await emails.GetAsync(id, ct) is { } email ? TypedResults.Ok(email) : Problems.NotFound($"No inbound email {id}.");

    private static async Task<IResult> ReleaseAsync(string id, HttpContext http, InboundEmails emails,
        InboundEmailProcessor processor, TimeProvider time)
    {
        var decided = await DecideAsync(id, http, emails, time, InboundEmailStatus.Released);
        if (decided.Problem is not null)
        {
            return decided.Problem;
        }
        return TypedResults.Ok(await processor.ReleaseAsync(decided.Email!, CancellationToken.None));
    }

    private static async Task<IResult> DiscardAsync(string id, HttpContext http, InboundEmails emails, TimeProvider time)
    {
        var decided = await DecideAsync(id, http, emails, time, InboundEmailStatus.Discarded);
        return decided.Problem ?? TypedResults.Ok(decided.Email);
    }

    /// <summary>
    /// Moves a quarantined email, or one stored but never processed (the app failed after storing it), on
    /// under its ETag, so two people cannot both release it.
    /// </summary>
    private static async Task<(InboundEmailRecord? Email, IResult? Problem)> DecideAsync(string id, HttpContext http,
        InboundEmails emails, TimeProvider time, InboundEmailStatus to)
    {
        if (await emails.GetAsync(id, http.RequestAborted) is null)
        {
            return (null, Problems.NotFound($"No inbound email {id}."));
        }
        var by = Staff.From(http.User).Name;
        var changed = await emails.UpdateAsync(id, e => e.Status is InboundEmailStatus.Quarantined or InboundEmailStatus.Received
            ? Result.Success(e with { Status = to, DecidedBy = by, DecidedAt = time.GetUtcNow() })
            : Result.Failure<InboundEmailRecord>(
                $"Email {id} is {JsonNamingPolicy.CamelCase.ConvertName(e.Status.ToString())}, not quarantined or waiting."),
            http.RequestAborted);
        return changed.IsSuccess
            ? (changed.Value, null)
            : (null, Problems.Conflict("Only a quarantined or unprocessed email can be released or discarded", changed.Error!));
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "An inbound email could not be stored; SendGrid will deliver it again")]
    private static partial void LogNotStored(ILogger logger, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Inbound email {EmailId} is stored but could not be processed; it stays received")]
    private static partial void LogNotProcessed(ILogger logger, string emailId, Exception exception);
}

/// <summary>What the webhook answers: the email's id and what became of it.</summary>
public sealed record InboundReceipt(string Id, InboundEmailStatus Status, string? ApplicationReference);

/// <summary>One line of the national team's list.</summary>
public sealed record InboundEmailSummary(string Id, DateTimeOffset ReceivedAt, string From, string Subject,
    InboundEmailStatus Status, string? ApplicationReference, IReadOnlyList<string> Problems)
{
    public static InboundEmailSummary Of(InboundEmailRecord e) =>
        new(e.Id, e.ReceivedAt, e.From, e.Subject, e.Status, e.ApplicationReference, e.Problems);
}
