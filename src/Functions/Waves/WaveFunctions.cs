using System.Text.Json;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Pathfinder.Domain;
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
public sealed class WaveFunctions(WaveRepository waves, TimeProvider time, JsonSerializerOptions json)
{
    [Function(nameof(ListWaves))]
    public async Task<IResult> ListWaves([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves")] HttpRequest request)
    {
        var (_, refusal) = await Access.SignInAsync(request, Audience.National);
        return refusal ?? TypedResults.Ok((await waves.ListAsync(request.HttpContext.RequestAborted)).Select(WaveView.Of).ToList());
    }

    [Function(nameof(GetWave))]
    public async Task<IResult> GetWave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "api/waves/{number:int}")] HttpRequest request, int number)
    {
        var (_, refusal) = await Access.SignInAsync(request, Audience.National);
        if (refusal is not null)
        {
            return refusal;
        }
        return await waves.GetAsync(number, request.HttpContext.RequestAborted) is { } wave
            ? TypedResults.Ok(WaveView.Of(wave))
            : Problems.NotFound($"There is no wave {number}.");
    }

    [Function(nameof(ScheduleWave))]
    public async Task<IResult> ScheduleWave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves")] HttpRequest request,
        [DurableClient] DurableTaskClient client)
    {
        var (_, refusal) = await Access.SignInAsync(request, Audience.National);
        if (refusal is not null)
        {
            return refusal;
        }
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
        var ct = request.HttpContext.RequestAborted;
        while (true)
        {
            var existing = await waves.ListAsync(ct);
            var scheduled = WavePlan.Schedule(body.AnnounceAt!.Value, body.Cutoff!.Value, [.. existing.Select(w => w.ToWave())],
                time.GetUtcNow());
            if (!scheduled.IsValid)
            {
                return Problems.Validation(scheduled.Problems, "The wave has problems");
            }
            var wave = new WaveRecord(scheduled.Value.Number, scheduled.Value.AnnounceAt, scheduled.Value.Cutoff);
            if (!await waves.AddAsync(wave, ct))
            {
                continue; // Someone scheduled a wave meanwhile: number again.
            }
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(WaveOrchestrator), new WaveSchedule(wave.Number, wave.AnnounceAt),
                new StartOrchestrationOptions(WaveOrchestrator.InstanceId(wave.Number)), ct);
            return TypedResults.Created($"/api/waves/{wave.Number}", WaveView.Of(wave));
        }
    }

    [Function(nameof(AnnounceWave))]
    public async Task<IResult> AnnounceWave(
        [HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "api/waves/{number:int}/announcement")] HttpRequest request,
        int number, [DurableClient] DurableTaskClient client)
    {
        var (_, refusal) = await Access.SignInAsync(request, Audience.National);
        if (refusal is not null)
        {
            return refusal;
        }
        var ct = request.HttpContext.RequestAborted;
        var wave = await waves.GetAsync(number, ct);
        if (wave is null)
        {
            return Problems.NotFound($"There is no wave {number}.");
        }
        if (wave.IsAnnounced)
        {
            return Problems.Conflict("Already announced", $"Wave {number} was announced on {UkTime.Describe(wave.AnnouncedAt!.Value)}.");
        }
        // The backend may drop an event raised before the instance has started, so wait for the start first.
        using (var started = CancellationTokenSource.CreateLinkedTokenSource(ct))
        {
            started.CancelAfter(TimeSpan.FromSeconds(30));
            await client.WaitForInstanceStartAsync(WaveOrchestrator.InstanceId(number), started.Token);
        }
        await client.RaiseEventAsync(WaveOrchestrator.InstanceId(number), WaveOrchestrator.AnnounceNowEvent, "now", ct);
        return TypedResults.Accepted($"/api/waves/{number}", WaveView.Of(wave));
    }
}
