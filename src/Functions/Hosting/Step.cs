using System.Diagnostics.CodeAnalysis;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// One step on a request's way in (who is asking, what they sent, what they asked about): either the value to go on
/// with, or the problem to answer with instead (400, 401, 403, 404, 413 or 415). A handler asks
/// <see cref="Refuses"/> first, so the refusal cannot be forgotten and the value needs no null-forgiving <c>!</c>:
/// <code>if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
/// {
///     return refusal;
/// }</code>
/// </summary>
public abstract record Step<T>
{
    private Step() { }

    /// <summary>The step let the request through with this value.</summary>
    public sealed record Passed(T Value) : Step<T>;

    /// <summary>The step stopped the request with this problem.</summary>
    public sealed record Refused(ProblemHttpResult Problem) : Step<T>;

    public static implicit operator Step<T>(T value) => new Passed(value);

    public static implicit operator Step<T>(ProblemHttpResult problem) => new Refused(problem);

    /// <summary>True, with the problem to answer, when the step stopped the request; else false, with its value.</summary>
    public bool Refuses([NotNullWhen(true)] out ProblemHttpResult? problem, [MaybeNullWhen(true)] out T value)
    {
        if (this is Passed passed)
        {
            (problem, value) = (null, passed.Value);
            return false;
        }
        (problem, value) = (((Refused)this).Problem, default);
        return true;
    }
}
