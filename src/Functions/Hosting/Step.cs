using System.Diagnostics.CodeAnalysis;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// One step on a request's way in (who is asking, what they sent, what they asked about): either the value to go on
/// with, or the answer to give instead. The API's steps refuse with problem details (400, 401, 403, 404, 413 or 415:
/// <see cref="ProblemHttpResult"/>); the pages' with a page or a redirect to sign in. A handler asks
/// <see cref="Refuses"/> first, so the refusal cannot be forgotten and the value needs no null-forgiving <c>!</c>:
/// <code>if ((await Access.SignInAsync(request, Audience.National)).Refuses(out var refusal, out var staff))
/// {
///     return refusal;
/// }</code>
/// </summary>
public abstract record Step<T, TRefusal>
    where TRefusal : class
{
    private Step() { }

    /// <summary>The step let the request through with this value.</summary>
    public sealed record Passed(T Value) : Step<T, TRefusal>;

    /// <summary>The step stopped the request with this answer.</summary>
    public sealed record Refused(TRefusal Answer) : Step<T, TRefusal>;

    public static implicit operator Step<T, TRefusal>(T value) => new Passed(value);

    public static implicit operator Step<T, TRefusal>(TRefusal refusal) => new Refused(refusal);

    /// <summary>True, with the answer to give, when the step stopped the request; else false, with its value.</summary>
    public bool Refuses([NotNullWhen(true)] out TRefusal? refusal, [MaybeNullWhen(true)] out T value)
    {
        if (this is Passed passed)
        {
            (refusal, value) = (default, passed.Value);
            return false;
        }
        (refusal, value) = (((Refused)this).Answer, default);
        return true;
    }
}
