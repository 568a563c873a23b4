using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace Pathfinder.LocalHost;

/// <summary>An <c>[OrchestrationTrigger]</c> function as a Durable Task orchestrator; its input is its other
/// parameter.</summary>
public sealed class FunctionOrchestrator(MethodInfo method) : ITaskOrchestrator
{
    public Type InputType { get; } =
        method
            .GetParameters()
            .FirstOrDefault(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is null)
            ?.ParameterType
        ?? typeof(object);

    public Type OutputType { get; } = FunctionInvoker.ResultType(method);

    public Task<object?> RunAsync(TaskOrchestrationContext context, object? input)
    {
        // Orchestrators are static and take the context and the input: nothing to resolve, nothing to wait on here
        // but the orchestration itself, which must run on the dispatcher's turn.
        var arguments = method
            .GetParameters()
            .Select(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null ? context : input)
            .ToArray();
        return Await((Task)method.Invoke(null, BindingFlags.DoNotWrapExceptions, null, arguments, null)!);
    }

    private async Task<object?> Await(Task task)
    {
        await task;
        return OutputType == typeof(object)
            ? null
            : task.GetType().GetProperty(nameof(Task<object>.Result))!.GetValue(task);
    }
}

/// <summary>An <c>[ActivityTrigger]</c> function as a Durable Task activity, its class made in a scope of its
/// own.</summary>
public sealed class FunctionActivity(MethodInfo method, IServiceProvider services, CancellationToken stopping)
    : ITaskActivity
{
    public Type InputType { get; } =
        method.GetParameters().First(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null).ParameterType;

    public Type OutputType { get; } = FunctionInvoker.ResultType(method);

    public async Task<object?> RunAsync(TaskActivityContext context, object? input)
    {
        await using var scope = services.CreateAsyncScope();
        return await FunctionInvoker.InvokeAsync(
            method,
            scope.ServiceProvider,
            input,
            new Dictionary<string, object?>(),
            stopping
        );
    }
}
