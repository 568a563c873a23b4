using System.Reflection;
using Microsoft.Azure.Functions.Worker;

namespace Pathfinder.LocalHost;

/// <summary>An HTTP-triggered function: its route under <c>/api</c>, its methods and who may call it.</summary>
public sealed record HttpFunction(
    string Name,
    string Route,
    IReadOnlyList<string> Methods,
    AuthorizationLevel AuthLevel,
    MethodInfo Method
);

/// <summary>A timer-triggered function and its NCRONTAB schedule.</summary>
public sealed record TimerFunction(string Name, string Schedule, MethodInfo Method);

/// <summary>
/// Every function of the Functions app, found as the Functions host finds them: by their <c>[Function]</c> and trigger
/// attributes. The local host serves exactly this list, so the two hosts cannot drift apart.
/// </summary>
public sealed class FunctionCatalog
{
    private FunctionCatalog(
        IReadOnlyList<HttpFunction> http,
        IReadOnlyDictionary<string, MethodInfo> orchestrators,
        IReadOnlyDictionary<string, MethodInfo> activities,
        IReadOnlyList<TimerFunction> timers
    )
    {
        Http = http;
        Orchestrators = orchestrators;
        Activities = activities;
        Timers = timers;
    }

    public IReadOnlyList<HttpFunction> Http { get; }

    public IReadOnlyDictionary<string, MethodInfo> Orchestrators { get; }

    public IReadOnlyDictionary<string, MethodInfo> Activities { get; }

    public IReadOnlyList<TimerFunction> Timers { get; }

    /// <summary>The functions of the Functions app's assembly.</summary>
    public static FunctionCatalog Of(Assembly assembly)
    {
        ArgumentNullException.ThrowIfNull(assembly);
        var http = new List<HttpFunction>();
        var orchestrators = new Dictionary<string, MethodInfo>(StringComparer.Ordinal);
        var activities = new Dictionary<string, MethodInfo>(StringComparer.Ordinal);
        var timers = new List<TimerFunction>();
        var functions = assembly
            .GetTypes()
            .SelectMany(t =>
                t.GetMethods(
                    BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly
                )
            )
            .Select(m => (Method: m, Function: m.GetCustomAttribute<FunctionAttribute>()))
            .Where(f => f.Function is not null);
        foreach (var (method, function) in functions)
        {
            var name = function!.Name;
            var parameters = method.GetParameters();
            if (
                parameters
                    .Select(p => p.GetCustomAttribute<HttpTriggerAttribute>())
                    .OfType<HttpTriggerAttribute>()
                    .FirstOrDefault() is
                { } h
            )
            {
                http.Add(
                    new HttpFunction(
                        name,
                        h.Route ?? name,
                        [.. (h.Methods ?? ["get", "post"]).Select(m => m.ToUpperInvariant())],
                        h.AuthLevel,
                        method
                    )
                );
            }
            else if (parameters.Any(p => p.GetCustomAttribute<OrchestrationTriggerAttribute>() is not null))
            {
                orchestrators.Add(name, method);
            }
            else if (parameters.Any(p => p.GetCustomAttribute<ActivityTriggerAttribute>() is not null))
            {
                activities.Add(name, method);
            }
            else if (
                parameters
                    .Select(p => p.GetCustomAttribute<TimerTriggerAttribute>())
                    .OfType<TimerTriggerAttribute>()
                    .FirstOrDefault() is
                { } t
            )
            {
                timers.Add(new TimerFunction(name, t.Schedule, method));
            }
            else
            {
                throw new InvalidOperationException(
                    $"Function {name} has a trigger the local host does not run; add it to {nameof(FunctionCatalog)}."
                );
            }
        }
        return new FunctionCatalog(http, orchestrators, activities, timers);
    }
}
