namespace Pathfinder.Domain;

/// <summary>
/// A GP practice's national code: one letter and five digits (<c>D81001</c>). It identifies the practice across
/// consortia, which is how we tell that a practice is already part of another one.
/// </summary>
public sealed record PracticeCode
{
    private PracticeCode(string value) => Value = value;

    /// <summary>The code in capitals, e.g. <c>D81001</c>.</summary>
    public string Value { get; }

    /// <summary>Reads a code as typed: surrounding spaces and lower case are fine (<c>" d81001"</c>).</summary>
    public static Result<PracticeCode> From(string? text)
    {
        var code = text?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return Result.Failure<PracticeCode>("Give the practice code (one letter and five digits, like D81001).");
        }

        return IsLetterAndFiveDigits(code)
            ? Result.Success(new PracticeCode(code))
            : Result.Failure<PracticeCode>(
                $"practice code '{Quoted.Text(text!.Trim())}' is not of the form A12345 (one letter and five digits)"
            );
    }

    public override string ToString() => Value;

    private static bool IsLetterAndFiveDigits(string code) =>
        code.Length == 6 && char.IsAsciiLetterUpper(code[0]) && code[1..].All(char.IsAsciiDigit);
}
