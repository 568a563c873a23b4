using System.Reflection;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;
using Microsoft.DurableTask.Client;

namespace Pathfinder.LocalHost;

/// <summary>
/// Calls a function method as the isolated worker would: a fresh instance of its class from the request's (or a new)
/// scope, its trigger value, a <see cref="DurableTaskClient"/> for <c>[DurableClient]</c>, a cancellation token, and
/// named values (route parameters) for the rest; then awaits what it returns.
/// </summary>
public static class FunctionInvoker
{
    public static async Task<object?> InvokeAsync(
        MethodInfo method,
        IServiceProvider services,
        object? trigger,
        IReadOnlyDictionary<string, object?> named,
        CancellationToken cancellationToken
    )
    {
        ArgumentNullException.ThrowIfNull(method);
        var target = method.IsStatic ? null : ActivatorUtilities.CreateInstance(services, method.DeclaringType!);
        var arguments = method
            .GetParameters()
            .Select(p => Argument(p, services, trigger, named, cancellationToken))
            .ToArray();
        var returned = method.Invoke(target, BindingFlags.DoNotWrapExceptions, null, arguments, null);
        if (returned is not Task task)
        {
            return returned;
        }
        await task;
        return method.ReturnType.IsGenericType
            ? method.ReturnType.GetProperty(nameof(Task<object>.Result))!.GetValue(task)
            : null;
    }

    /// <summary>What a function returns once awaited: <c>Task&lt;T&gt;</c> gives T.</summary>
    public static Type ResultType(MethodInfo method)
    {
        ArgumentNullException.ThrowIfNull(method);
        var type = method.ReturnType;
        return type.IsGenericType && type.GetGenericTypeDefinition() == typeof(Task<>) ? type.GetGenericArguments()[0]
            : type == typeof(Task) ? typeof(object)
            : type;
    }

    private static object? Argument(
        ParameterInfo parameter,
        IServiceProvider services,
        object? trigger,
        IReadOnlyDictionary<string, object?> named,
        CancellationToken cancellationToken
    )
    {
        if (parameter.GetCustomAttributes().Any(a => a is TriggerBindingAttribute))
        {
            return trigger;
        }
        if (parameter.GetCustomAttribute<DurableClientAttribute>() is not null)
        {
            return services.GetRequiredService<DurableTaskClient>();
        }
        if (parameter.ParameterType == typeof(CancellationToken))
        {
            return cancellationToken;
        }
        if (named.TryGetValue(parameter.Name!, out var value))
        {
            return value is null || parameter.ParameterType.IsInstanceOfType(value)
                ? value
                : Convert.ChangeType(
                    value,
                    Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType,
                    System.Globalization.CultureInfo.InvariantCulture
                );
        }
        throw new InvalidOperationException(
            $"The local host cannot bind parameter '{parameter.Name}' of function {parameter.Member.Name}."
        );
    }
}
