using System.Globalization;
using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Net.Http.Headers;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Partners;

/// <summary>
/// The national team's partners through the API, by <see cref="PartnerCommands"/> as the pages are. A change or
/// removal names the version it was made to in <c>If-Match</c> (the partner's ETag): without one it is 428, and a
/// version that is no longer the partner's is 409, so two people's changes never silently overwrite each other.
/// </summary>
public sealed class PartnerFunctions(PartnerDirectory directory, PartnerCommands commands, JsonSerializerOptions json)
{
    [Function(nameof(ListPartners))]
    public async Task<Results<Ok<List<PartnerView>>, ProblemHttpResult>> ListPartners(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/partners")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return TypedResults.Ok(
            (await directory.ListAsync(request.HttpContext.RequestAborted)).Select(PartnerView.Of).ToList()
        );
    }

    [Function(nameof(GetPartner))]
    public async Task<Results<Ok<PartnerDetailView>, ProblemHttpResult>> GetPartner(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/partners/{id}")] HttpRequest request,
        string id
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        var ct = request.HttpContext.RequestAborted;
        if (await directory.GetAsync(id, ct) is not { Removed: null } partner)
        {
            return await NotFoundAsync(id, ct);
        }
        request.HttpContext.Response.Headers.ETag = partner.ETag;
        return TypedResults.Ok(
            new PartnerDetailView(
                PartnerView.Of(partner),
                await directory.HistoryAsync(id, ct),
                [.. (await commands.DigestsAsync(id, ct)).Select(PartnerDigestView.Of)],
                await commands.TestMessagesAsync(id, ct)
            )
        );
    }

    [Function(nameof(AddPartner))]
    public async Task<Results<Created<PartnerView>, ValidationAnswer, ProblemHttpResult>> AddPartner(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/partners")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        if ((await JsonBody.ReadAsync<PartnerRequest>(request, json)).Refuses(out var problem, out var body))
        {
            return problem;
        }
        return await commands.AddAsync(body.ToDraft(), staff, request.HttpContext.RequestAborted) switch
        {
            PartnerOutcome.Invalid invalid => Problems.Validation(invalid.Problems, PartnerCommands.ProblemsTitle),
            PartnerOutcome.Done done => Tagged(
                request,
                done.Partner,
                TypedResults.Created($"/api/partners/{done.Partner.Id}", PartnerView.Of(done.Partner))
            ),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    [Function(nameof(ChangePartner))]
    public async Task<Results<Ok<PartnerView>, ValidationAnswer, ConflictProblem, ProblemHttpResult>> ChangePartner(
        [HttpTrigger(AuthorizationLevel.Anonymous, "put", Route = "api/partners/{id}")] HttpRequest request,
        string id
    )
    {
        var ct = request.HttpContext.RequestAborted;
        if ((await CurrentPartnerAsync(request, id, ct)).Refuses(out var refusal, out var current))
        {
            return refusal;
        }
        if ((await JsonBody.ReadAsync<PartnerRequest>(request, json)).Refuses(out var problem, out var body))
        {
            return problem;
        }
        return await commands.ChangeAsync(id, current.Version, body.ToDraft(), current.Staff, ct) switch
        {
            PartnerOutcome.Invalid invalid => Problems.Validation(invalid.Problems, PartnerCommands.ProblemsTitle),
            PartnerOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            PartnerOutcome.Stale stale => Stale(request, stale),
            PartnerOutcome.Done done => Tagged(request, done.Partner, TypedResults.Ok(PartnerView.Of(done.Partner))),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    [Function(nameof(RemovePartner))]
    public async Task<Results<NoContent, ConflictProblem, ProblemHttpResult>> RemovePartner(
        [HttpTrigger(AuthorizationLevel.Anonymous, "delete", Route = "api/partners/{id}")] HttpRequest request,
        string id
    )
    {
        var ct = request.HttpContext.RequestAborted;
        if ((await CurrentPartnerAsync(request, id, ct)).Refuses(out var refusal, out var current))
        {
            return refusal;
        }
        return await commands.RemoveAsync(id, current.Version, current.Staff, ct) switch
        {
            PartnerOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            PartnerOutcome.Stale stale => Stale(request, stale),
            PartnerOutcome.Done => TypedResults.NoContent(),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    /// <summary>
    /// Queues a test message to the partner's addresses: 202. The same <c>Idempotency-Key</c> sends once; without one,
    /// each call is a new message.
    /// </summary>
    [Function(nameof(SendPartnerTestMessage))]
    public async Task<Results<Accepted<PartnerView>, ValidationAnswer, ProblemHttpResult>> SendPartnerTestMessage(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/partners/{id}/test-message")]
            HttpRequest request,
        string id
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        var press = request.Headers[ApplicationFunctions.IdempotencyKeyHeader].FirstOrDefault()
            ?? Guid.NewGuid().ToString("N");
        return await commands.SendTestAsync(id, press, staff, request.HttpContext.RequestAborted) switch
        {
            PartnerOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            PartnerOutcome.Invalid invalid => Problems.Validation(
                invalid.Problems.Select(p => p with { Field = ApplicationFunctions.IdempotencyKeyHeader }),
                "The test message could not be sent"
            ),
            PartnerOutcome.Done done => TypedResults.Accepted($"/api/partners/{id}", PartnerView.Of(done.Partner)),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    /// <summary>
    /// The version <c>If-Match</c> names: <c>"3"</c> (or weak <c>W/"3"</c>); <c>*</c> is whatever is there now. A tag
    /// that is not one of ours matches no version. Null when there is no <c>If-Match</c>.
    /// </summary>
    private static int? ExpectedVersion(HttpRequest request, Partner current)
    {
        var header = request.Headers[HeaderNames.IfMatch].ToString().Trim();
        if (header.Length == 0)
        {
            return null;
        }
        if (header == "*")
        {
            return current.Version;
        }
        var tag = header.StartsWith("W/", StringComparison.Ordinal) ? header[2..] : header;
        return int.TryParse(tag.Trim('"'), NumberStyles.None, CultureInfo.InvariantCulture, out var version)
            ? version
            : -1;
    }

    private static ProblemHttpResult PreconditionRequired() =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status428PreconditionRequired,
            title: "Say which version you are changing",
            detail: "Send If-Match with the partner's ETag (from GET /api/partners/{id}), so a change made since is "
                + "not overwritten."
        );

    private static ConflictProblem Stale(HttpRequest request, PartnerOutcome.Stale stale)
    {
        request.HttpContext.Response.Headers.ETag = stale.Current.ETag;
        return Problems.Conflict("The partner has changed", PartnerCommands.StaleMessage(stale));
    }

    private static T Tagged<T>(HttpRequest request, Partner partner, T result)
    {
        request.HttpContext.Response.Headers.ETag = partner.ETag;
        return result;
    }

    private async Task<ProblemHttpResult> NotFoundAsync(string id, CancellationToken ct) =>
        Problems.NotFound(
            await directory.GetAsync(id, ct) is { Removed: { } removed }
                ? $"The partner was removed by {removed.By} on {Pathfinder.Domain.UkTime.Describe(removed.At)}."
                : $"There is no partner {id}."
        );

    /// <summary>
    /// What a change or a removal needs first: the national team signed in, a partner that is not removed, and the
    /// version the caller last saw (If-Match); otherwise the refusal to answer with.
    /// </summary>
    private async Task<Step<PartnerChange, ProblemHttpResult>> CurrentPartnerAsync(
        HttpRequest request,
        string id,
        CancellationToken ct
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
        {
            return refusal;
        }
        if (await directory.GetAsync(id, ct) is not { Removed: null } partner)
        {
            return await NotFoundAsync(id, ct);
        }
        return ExpectedVersion(request, partner) is { } version
            ? new PartnerChange(staff, version)
            : PreconditionRequired();
    }

    /// <summary>Who changes the partner, and the version they last saw.</summary>
    private sealed record PartnerChange(Staff Staff, int Version);
}
