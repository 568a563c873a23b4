using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;
using Pathfinder.Durable;
using Pathfinder.Testing.Durable;

namespace Pathfinder.Durable.Tests;

/// <summary>Records values in step one and returns their replayed values at the end.</summary>
public sealed class DeterminismOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var first = context.NewGuid();
        var startedAt = context.CurrentUtcDateTime;
        context.CreateReplaySafeLogger<DeterminismOrchestrator>().LogInformation("started {Input}", input);
        var doubled = await context.CallActivityAsync<string>(nameof(RecordEffect), input + input);
        context.SetCustomStatus($"{first}|{startedAt:O}|{doubled}");
        await context.WaitForExternalEvent<string>("go");
        return $"{first}|{startedAt:O}|{doubled}";
    }
}

/// <summary>Waits a day, then takes three events in the order they come.</summary>
public sealed class EventsInOrderOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CreateTimer(TimeSpan.FromDays(1), CancellationToken.None);
        var items = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            items.Add(await context.WaitForExternalEvent<string>("item"));
        }
        return string.Join(",", items);
    }
}

/// <summary>Counts calls per instance and fails the first <see cref="FailuresBeforeSuccess"/> of them.</summary>
public sealed class FlakyActivity(Attempts attempts) : TaskActivity<int, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, int input)
    {
        var attempt = attempts.Next(context.InstanceId);
        if (attempt <= input)
        {
            throw new TimeoutException($"the partner directory did not answer (attempt {attempt})");
        }
        return Task.FromResult($"answered on attempt {attempt}");
    }
}

public sealed class Attempts
{
    private readonly ConcurrentDictionary<string, int> _counts = new();

    public int Next(string instanceId) => _counts.AddOrUpdate(instanceId, 1, (_, n) => n + 1);

    public int For(string instanceId) => _counts.GetValueOrDefault(instanceId);
}

/// <summary>Calls the flaky activity with three attempts and exponential backoff; reports giving up.</summary>
public sealed class RetryOrchestrator : TaskOrchestrator<int, string>
{
    public static readonly RetryPolicy Policy = new(3, TimeSpan.FromMinutes(1), 2.0);

    public override async Task<string> RunAsync(TaskOrchestrationContext context, int failures)
    {
        try
        {
            return await context.CallActivityAsync<string>(nameof(FlakyActivity), failures, TaskOptions.FromRetryPolicy(Policy));
        }
        catch (TaskFailedException failure)
        {
            return $"gave up: {failure.FailureDetails.ErrorType}: {failure.FailureDetails.ErrorMessage}";
        }
    }
}

public sealed class ThrowingOrchestrator : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync<string>(nameof(RecordEffect), "before the fault");
        throw new InvalidOperationException($"the form for {input} is unreadable");
    }
}

public sealed class GreetingV1 : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        "v1 " + await context.WaitForExternalEvent<string>("go");
}

public sealed class GreetingV2 : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        var said = await context.WaitForExternalEvent<string>("go");
        return "v2 " + await context.CallActivityAsync<string>(nameof(RecordEffect), said);
    }
}

/// <summary>The original code of a workflow that later drifts.</summary>
public sealed class DriftBefore : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync<string>(nameof(RecordEffect), "notify reviewers");
        return await context.WaitForExternalEvent<string>("go");
    }
}

/// <summary>The same name and version, changed: it now calls another activity first.</summary>
public sealed class DriftAfter : TaskOrchestrator<string, string>
{
    public override async Task<string> RunAsync(TaskOrchestrationContext context, string input)
    {
        await context.CallActivityAsync<string>(nameof(FlakyActivity), 0);
        return await context.WaitForExternalEvent<string>("go");
    }
}

/// <summary>Each generation waits an hour, takes one "tick" and continues as new, until the third.</summary>
public sealed class CounterOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int generation)
    {
        await context.CreateTimer(TimeSpan.FromHours(1), CancellationToken.None);
        if (generation == 3)
        {
            return generation;
        }
        await context.WaitForExternalEvent<string>("tick");
        context.ContinueAsNew(generation + 1);
        return generation;
    }
}

/// <summary>Many activities in one step: its history needs several Table transactions.</summary>
public sealed class FanOutOrchestrator : TaskOrchestrator<int, int>
{
    public override async Task<int> RunAsync(TaskOrchestrationContext context, int count)
    {
        var total = 0;
        for (var i = 0; i < count; i++)
        {
            total += (await context.CallActivityAsync<string>(nameof(RecordEffect), $"practice {i}")).Length;
        }
        return total;
    }
}

/// <summary>Echoes its (large) input through an activity.</summary>
public sealed class EchoOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(EchoActivity), input);
}

public sealed class EchoActivity : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) => Task.FromResult(input);
}

public static class Workflows
{
    /// <summary>Everything the behaviour tests run, at its first version.</summary>
    public static void RegisterAll(DurableTaskRegistry registry)
    {
        ReviewStyleOrchestrator.Register(registry);
        registry.AddOrchestrator<DeterminismOrchestrator>()
            .AddOrchestrator<EventsInOrderOrchestrator>()
            .AddOrchestrator<RetryOrchestrator>()
            .AddOrchestrator<ThrowingOrchestrator>()
            .AddOrchestrator<GreetingV1>("Greeting")
            .AddOrchestrator<DriftBefore>("Drift")
            .AddOrchestrator<CounterOrchestrator>()
            .AddOrchestrator<FanOutOrchestrator>()
            .AddOrchestrator<EchoOrchestrator>()
            .AddActivity<FlakyActivity>()
            .AddActivity<EchoActivity>();
    }
}
