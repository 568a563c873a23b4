namespace Pathfinder.Domain;

/// <summary>
/// What someone typed, as a problem quotes it back: on one line and at most <see cref="Length"/> characters, so a
/// pasted page in a box that wanted a phone number comes back as a recognisable start, not as the whole page in the
/// API's answer or the reply email.
/// </summary>
internal static class Quoted
{
    public const int Length = 60;

    public static string Text(string text)
    {
        var line = string.Join(
            ' ',
            text.Split(['\r', '\n'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
        );
        if (line.Length <= Length)
        {
            return line;
        }

        // Never cut between the two halves of an emoji or other character outside the BMP.
        var cut = Length - 3;
        return string.Concat(line.AsSpan(0, char.IsHighSurrogate(line[cut - 1]) ? cut - 1 : cut), "...");
    }
}
