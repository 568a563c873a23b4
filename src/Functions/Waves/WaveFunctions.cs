using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Waves;

public sealed record WaveRequest(DateTimeOffset? AnnounceAt, DateTimeOffset? Cutoff);

public sealed record WaveView(
    int Number,
    DateTimeOffset AnnounceAt,
    DateTimeOffset Cutoff,
    string Status,
    DateTimeOffset? AnnouncedAt,
    IReadOnlyList<string> Pathfinders
)
{
    public static WaveView Of(WaveRecord w) =>
        new(w.Number, w.AnnounceAt, w.Cutoff, w.IsAnnounced ? "announced" : "scheduled", w.AnnouncedAt, w.Pathfinders);
}

/// <summary>The national team schedules waves and may announce one at once, through <see
/// cref="WaveCommands"/>.</summary>
public sealed class WaveFunctions(WaveRepository waves, WaveCommands commands, JsonSerializerOptions json)
{
    [Function(nameof(ListWaves))]
    public async Task<Results<Ok<List<WaveView>>, ProblemHttpResult>> ListWaves(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves")] HttpRequest request
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return TypedResults.Ok(
            (await waves.ListAsync(request.HttpContext.RequestAborted)).Select(WaveView.Of).ToList()
        );
    }

    [Function(nameof(GetWave))]
    public async Task<Results<Ok<WaveView>, ProblemHttpResult>> GetWave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{number:int}")] HttpRequest request,
        int number
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return await waves.GetAsync(number, request.HttpContext.RequestAborted) is { } wave
            ? TypedResults.Ok(WaveView.Of(wave))
            : Problems.NotFound($"There is no wave {number}.");
    }

    [Function(nameof(ScheduleWave))]
    public async Task<Results<Created<WaveView>, ValidationAnswer, ProblemHttpResult>> ScheduleWave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves")] HttpRequest request,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        if ((await JsonBody.ReadAsync<WaveRequest>(request, json)).Refuses(out var problem, out var body))
        {
            return problem;
        }
        if (body is not { AnnounceAt: { } announceAt, Cutoff: { } cutoff })
        {
            var missing = new List<ValidationProblem>();
            if (body.AnnounceAt is null)
            {
                missing.Add(
                    new ValidationProblem(
                        "announceAt",
                        "Give the time the wave is announced, e.g. 2010-12-14T10:00:00Z."
                    )
                );
            }
            if (body.Cutoff is null)
            {
                missing.Add(
                    new ValidationProblem("cutoff", "Give the cutoff: applications approved before it join this wave.")
                );
            }
            return Problems.Validation(missing, WaveCommands.ProblemsTitle);
        }
        return await commands.ScheduleAsync(announceAt, cutoff, client, request.HttpContext.RequestAborted) switch
        {
            WaveOutcome.Invalid invalid => Problems.Validation(invalid.Problems, WaveCommands.ProblemsTitle),
            WaveOutcome.Done done => TypedResults.Created($"/api/waves/{done.Wave.Number}", WaveView.Of(done.Wave)),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }

    [Function(nameof(AnnounceWave))]
    public async Task<Results<Accepted<WaveView>, ConflictProblem, ProblemHttpResult>> AnnounceWave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{number:int}/announcement")]
            HttpRequest request,
        int number,
        [DurableClient] DurableTaskClient client
    )
    {
        if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out _))
        {
            return refusal;
        }
        return await commands.AnnounceNowAsync(number, client, request.HttpContext.RequestAborted) switch
        {
            WaveOutcome.NotFound notFound => Problems.NotFound(notFound.Detail),
            WaveOutcome.Refused refused => Problems.Conflict(refused.Title, refused.Detail),
            WaveOutcome.Done done => TypedResults.Accepted($"/api/waves/{number}", WaveView.Of(done.Wave)),
            var other => throw new InvalidOperationException($"Unexpected outcome {other}"),
        };
    }
}
