using System.Text.Json;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// RFC 7807 answers in the programme's words, each naming what to fix. Each is typed by what it answers, so a
/// handler's signature says what a caller can get: a <see cref="ValidationAnswer"/> (400 naming the fields) for what
/// the handler judged, a <see cref="ConflictProblem"/> (409) for a state that forbids it, and a
/// <see cref="ProblemHttpResult"/> for the steps in (<see cref="Step{T}"/>): 400, 401, 403, 404 and 415.
/// </summary>
public static class Problems
{
    public static ValidationAnswer Validation(IEnumerable<ValidationProblem> problems, string title) =>
        TypedResults.ValidationProblem(Errors(problems), title: title);

    public static ValidationAnswer Field(string field, string message, string title) =>
        Validation([new ValidationProblem(field, message)], title);

    /// <summary>A 400 naming the field, from a step in (a body or a query that cannot be read).</summary>
    public static ProblemHttpResult Unreadable(string field, string message, string title) =>
        TypedResults.Problem(
            new HttpValidationProblemDetails(Errors([new ValidationProblem(field, message)]))
            {
                Status = StatusCodes.Status400BadRequest,
                Title = title,
            }
        );

    public static ProblemHttpResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);

    public static ProblemHttpResult Forbidden(string why) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not yours to see or change",
            detail: why
        );

    public static ConflictProblem Conflict(string title, string detail) => new(title, detail);

    private static Dictionary<string, string[]> Errors(IEnumerable<ValidationProblem> problems) =>
        problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray());
}

/// <summary>Reads a JSON body so that malformed input is answered with the field that broke it.</summary>
public static class JsonBody
{
    public static async Task<Step<T, ProblemHttpResult>> ReadAsync<T>(
        HttpRequest request,
        JsonSerializerOptions options
    )
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Send JSON",
                detail: "The request body must be JSON (Content-Type: application/json)."
            );
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(
                request.Body,
                options,
                request.HttpContext.RequestAborted
            );
            return value is null ? Unreadable("body", "The request body is empty.") : value;
        }
        catch (JsonException e) when (e.InnerException is JsonException)
        {
            // The reader's own error (malformed, or nested deeper than the options allow): the body as a whole is at
            // fault, whatever property the reader had reached ("a.a.a..." names nothing the form has).
            return Unreadable(
                "body",
                $"The body is not well-formed JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: "
                    + $"{Plain(e)})."
            );
        }
        catch (JsonException e)
        {
            var field = FieldName(e.Path);
            return Unreadable(field, $"'{field}' is not in the expected form ({Plain(e)}).");
        }
    }

    private static ProblemHttpResult Unreadable(string field, string message) =>
        Problems.Unreadable(field, message, "The request could not be read");

    /// <summary>"$.practices[0].listSize" becomes "practices[0].listSize".</summary>
    private static string FieldName(string? path) =>
        string.IsNullOrEmpty(path) || path == "$" ? "body" : path.TrimStart('$', '.');

    private static string Plain(JsonException e) =>
        e
            .Message.Split(". Path:", 2)[0]
            .Replace("The JSON value could not be converted to ", "expected ", StringComparison.Ordinal);
}

/// <summary>Query filters read the same way on every list.</summary>
public static class Filters
{
    /// <summary>A status named in camelCase (any case), none when not asked for, or the 400 that lists the
    /// names.</summary>
    public static Step<TStatus?, ProblemHttpResult> Status<TStatus>(string? value)
        where TStatus : struct, Enum
    {
        if (value is null)
        {
            return new Step<TStatus?, ProblemHttpResult>.Passed(null);
        }
        if (Enum.TryParse<TStatus>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, out _))
        {
            return new Step<TStatus?, ProblemHttpResult>.Passed(parsed);
        }
        return Problems.Unreadable(
            "status",
            $"'{value}' is not a status; use one of "
                + string.Join(", ", Enum.GetNames<TStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName))
                + ".",
            "The list could not be filtered"
        );
    }
}
