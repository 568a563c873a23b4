using System.Text.Json;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Hosting;

/// <summary>RFC 7807 answers in the programme's words, each naming what to fix.</summary>
public static class Problems
{
    public static IResult Validation(IEnumerable<ValidationProblem> problems, string title) =>
        TypedResults.ValidationProblem(
            problems.GroupBy(p => p.Field).ToDictionary(g => g.Key, g => g.Select(p => p.Message).ToArray()),
            title: title
        );

    public static IResult Field(string field, string message, string title) =>
        Validation([new ValidationProblem(field, message)], title);

    public static IResult NotFound(string what) =>
        TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: what);

    public static IResult Forbidden(string why) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status403Forbidden,
            title: "Not yours to see or change",
            detail: why
        );

    public static IResult Conflict(string title, string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: title, detail: detail);
}

/// <summary>Reads a JSON body so that malformed input is answered with the field that broke it.</summary>
public static class JsonBody
{
    public static async Task<(T? Value, IResult? Problem)> ReadAsync<T>(
        HttpRequest request,
        JsonSerializerOptions options
    )
        where T : class
    {
        if (!request.HasJsonContentType())
        {
            return (
                null,
                TypedResults.Problem(
                    statusCode: StatusCodes.Status415UnsupportedMediaType,
                    title: "Send JSON",
                    detail: "The request body must be JSON (Content-Type: application/json)."
                )
            );
        }
        try
        {
            var value = await JsonSerializer.DeserializeAsync<T>(
                request.Body,
                options,
                request.HttpContext.RequestAborted
            );
            return value is null
                ? (null, Problems.Field("body", "The request body is empty.", "The request could not be read"))
                : (value, null);
        }
        catch (JsonException e) when (e.InnerException is JsonException)
        {
            // The reader's own error (malformed, or nested deeper than the options allow): the body as a whole is at
            // fault, whatever property the reader had reached ("a.a.a..." names nothing the form has).
            return (
                null,
                Problems.Field(
                    "body",
                    $"The body is not well-formed JSON (line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: "
                        + $"{Plain(e)}).",
                    "The request could not be read"
                )
            );
        }
        catch (JsonException e)
        {
            var field = FieldName(e.Path);
            return (
                null,
                Problems.Field(
                    field,
                    $"'{field}' is not in the expected form ({Plain(e)}).",
                    "The request could not be read"
                )
            );
        }
    }

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
    /// <summary>A status named in camelCase (any case), or the 400 that lists the names.</summary>
    public static (TStatus? Value, IResult? Problem) Status<TStatus>(string? value)
        where TStatus : struct, Enum
    {
        if (value is null)
        {
            return (null, null);
        }
        if (Enum.TryParse<TStatus>(value, ignoreCase: true, out var parsed) && !int.TryParse(value, out _))
        {
            return (parsed, null);
        }
        return (
            null,
            Problems.Field(
                "status",
                $"'{value}' is not a status; use one of "
                    + string.Join(", ", Enum.GetNames<TStatus>().Select(JsonNamingPolicy.CamelCase.ConvertName))
                    + ".",
                "The list could not be filtered"
            )
        );
    }
}
