namespace Pathfinder.Functions.Hosting;

/// <summary>
/// 409 as problem details: a state that forbids what was asked ("already decided", "the partner has changed"). Its
/// own type so a handler's signature names the 409; ASP.NET's <c>Conflict&lt;ProblemDetails&gt;</c> would send it as
/// <c>application/json</c>, not <c>application/problem+json</c>.
/// </summary>
public sealed class ConflictProblem : IResult, IStatusCodeHttpResult, IValueHttpResult<ProblemDetails>, IValueHttpResult
{
    private readonly ProblemHttpResult _problem;

    public ConflictProblem(string title, string detail, IDictionary<string, object?>? extensions = null)
    {
        _problem = TypedResults.Problem(
            statusCode: StatusCodes.Status409Conflict,
            title: title,
            detail: detail,
            extensions: extensions
        );
    }

    public ProblemDetails Value => _problem.ProblemDetails;

    object? IValueHttpResult.Value => Value;

    public int? StatusCode => StatusCodes.Status409Conflict;

    public Task ExecuteAsync(HttpContext httpContext) => _problem.ExecuteAsync(httpContext);
}
