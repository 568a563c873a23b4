using System.Text.Json;
using Pathfinder.Domain;
using Pathfinder.Durable;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Waves;

public sealed record WaveRequest(DateTimeOffset? AnnounceAt, DateTimeOffset? Cutoff);

public sealed record WaveView(int Number, DateTimeOffset AnnounceAt, DateTimeOffset Cutoff, string Status,
    DateTimeOffset? AnnouncedAt, IReadOnlyList<string> Pathfinders)
{
    public static WaveView Of(WaveRecord w) =>
        new(w.Number, w.AnnounceAt, w.Cutoff, w.IsAnnounced ? "announced" : "scheduled", w.AnnouncedAt, w.Pathfinders);
}

/// <summary>The national team schedules waves and may announce one at once.</summary>
public static class WaveEndpoints
{
    public static IEndpointRouteBuilder MapWaves(this IEndpointRouteBuilder app)
    {
        var group = app.MapGroup("/api/waves").RequireAuthorization(Security.NationalPolicy);
        group.MapGet("", async (WaveRepository waves, CancellationToken ct) =>
            TypedResults.Ok((await waves.ListAsync(ct)).Select(WaveView.Of).ToList()));
        group.MapGet("{number:int}", async (int number, WaveRepository waves, CancellationToken ct) =>
            await waves.GetAsync(number, ct) is { } wave ? TypedResults.Ok(WaveView.Of(wave)) : Problems.NotFound($"There is no wave {number}."));
        group.MapPost("", ScheduleAsync);
        group.MapPost("{number:int}/announcement", AnnounceAsync);
        return app;
    }

    private static async Task<IResult> ScheduleAsync(HttpRequest request, WaveRepository waves, DurableTaskClient client,
        TimeProvider time, JsonSerializerOptions json)
    {
        var (body, problem) = await JsonBody.ReadAsync<WaveRequest>(request, json);
        if (problem is not null)
        {
            return problem;
        }
        var missing = new List<ValidationProblem>();
        if (body!.AnnounceAt is null)
        {
            missing.Add(new ValidationProblem("announceAt", "Give the time the wave is announced, e.g. 2010-12-14T10:00:00Z."));
        }
        if (body.Cutoff is null)
        {
            missing.Add(new ValidationProblem("cutoff", "Give the cutoff: applications approved before it join this wave."));
        }
        if (missing.Count > 0)
        {
            return Problems.Validation(missing, "The wave has problems");
        }
        while (true)
        {
            var existing = await waves.ListAsync(request.HttpContext.RequestAborted);
            var scheduled = WavePlan.Schedule(body.AnnounceAt!.Value, body.Cutoff!.Value, [.. existing.Select(w => w.ToWave())],
                time.GetUtcNow());
            if (!scheduled.IsValid)
            {
                return Problems.Validation(scheduled.Problems, "The wave has problems");
            }
            var wave = new WaveRecord(scheduled.Value.Number, scheduled.Value.AnnounceAt, scheduled.Value.Cutoff);
            if (!await waves.AddAsync(wave, request.HttpContext.RequestAborted))
            {
                continue; // Someone scheduled a wave meanwhile: number again.
            }
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(WaveOrchestrator), new WaveSchedule(wave.Number, wave.AnnounceAt),
                new StartOrchestrationOptions(WaveOrchestrator.InstanceId(wave.Number)), request.HttpContext.RequestAborted);
            return TypedResults.Created($"/api/waves/{wave.Number}", WaveView.Of(wave));
        }
    }

    private static async Task<IResult> AnnounceAsync(int number, WaveRepository waves, DurableTaskClient client,
        CancellationToken cancellationToken)
    {
        var wave = await waves.GetAsync(number, cancellationToken);
        if (wave is null)
        {
            return Problems.NotFound($"There is no wave {number}.");
        }
        if (wave.IsAnnounced)
        {
            return Problems.Conflict("Already announced", $"Wave {number} was announced on {UkTime.Describe(wave.AnnouncedAt!.Value)}.");
        }
        await client.RaiseEventAsync(WaveOrchestrator.InstanceId(number), WaveOrchestrator.AnnounceNowEvent, "now", cancellationToken);
        return TypedResults.Ok(WaveView.Of((await waves.GetAsync(number, cancellationToken))!));
    }
}
