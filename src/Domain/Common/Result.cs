using System.Diagnostics.CodeAnalysis;

namespace Pathfinder.Domain;

/// <summary>
/// The outcome of turning one piece of input into a value: either the value or a plain-words error.
/// Expected bad input is a value, not an exception, so callers can report it (see STYLE.md).
/// </summary>
public sealed class Result<T>
    where T : notnull
{
    internal Result(T? value, string? error)
    {
        Value = value;
        Error = error;
    }

    /// <summary>The value, when <see cref="IsSuccess"/>.</summary>
    public T? Value { get; }

    /// <summary>Why the input was refused, when not <see cref="IsSuccess"/>.</summary>
    public string? Error { get; }

    [MemberNotNullWhen(true, nameof(Value))]
    [MemberNotNullWhen(false, nameof(Error))]
    public bool IsSuccess => Error is null;

    /// <summary>The value turned into another, or the same error.</summary>
    public Result<TOut> Map<TOut>(Func<T, TOut> map)
        where TOut : notnull => IsSuccess ? Result.Success(map(Value)) : Result.Failure<TOut>(Error);
}

/// <summary>Factories for <see cref="Result{T}"/>.</summary>
public static class Result
{
    public static Result<T> Success<T>(T value)
        where T : notnull => new(value, null);

    public static Result<T> Failure<T>(string error)
        where T : notnull
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(error);
        return new Result<T>(default, error);
    }
}
