using System.Diagnostics.CodeAnalysis;

namespace Pathfinder.Domain;

/// <summary>
/// The outcome of checking a whole form: either the valid value or every problem found, so the applicant can fix
/// them all in one go rather than one per round trip.
/// </summary>
public sealed class Validated<T>
    where T : notnull
{
    internal Validated(T? value, IReadOnlyList<ValidationProblem> problems)
    {
        Value = value;
        Problems = problems;
    }

    /// <summary>The valid value, when <see cref="IsValid"/>.</summary>
    public T? Value { get; }

    /// <summary>Every problem found; empty when <see cref="IsValid"/>.</summary>
    public IReadOnlyList<ValidationProblem> Problems { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    public bool IsValid => Value is not null;
}

/// <summary>Factories for <see cref="Validated{T}"/>.</summary>
public static class Validated
{
    public static Validated<T> Valid<T>(T value)
        where T : notnull => new(value, []);

    public static Validated<T> Invalid<T>(IReadOnlyList<ValidationProblem> problems)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(problems);
        if (problems.Count == 0)
        {
            throw new ArgumentException("An invalid result needs at least one problem.", nameof(problems));
        }

        return new Validated<T>(default, problems);
    }
}
