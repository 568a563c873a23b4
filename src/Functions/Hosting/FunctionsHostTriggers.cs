namespace Pathfinder.Functions.Hosting;

/// <summary>
/// Non-HTTP triggers the Functions host delivers to a custom handler: it POSTs to <c>/{functionName}</c>
/// with an invocation payload (<c>Data</c>, <c>Metadata</c>) and expects <c>Outputs</c>, <c>Logs</c>
/// and <c>ReturnValue</c> back.
/// </summary>
public static class FunctionsHostTriggers
{
    public static IEndpointRouteBuilder MapFunctionsHostTriggers(this IEndpointRouteBuilder app)
    {
        app.MapPost("/ProgrammeTick", async (ProgrammeTick tick, CancellationToken ct) =>
        {
            var summary = await tick.RunAsync(ct);
            return TypedResults.Ok(new InvocationResult(new Dictionary<string, object?>(),
                [$"Processed {summary.InstancesProcessed} orchestration instances; sent {summary.EmailsSent} emails."], null));
        });
        return app;
    }
}

/// <summary>The custom handler response payload the Functions host reads.</summary>
public sealed record InvocationResult(
    [property: System.Text.Json.Serialization.JsonPropertyName("Outputs")] IReadOnlyDictionary<string, object?> Outputs,
    [property: System.Text.Json.Serialization.JsonPropertyName("Logs")] IReadOnlyList<string> Logs,
    [property: System.Text.Json.Serialization.JsonPropertyName("ReturnValue")] object? ReturnValue);
