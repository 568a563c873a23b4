using System.Text.RegularExpressions;

namespace Pathfinder.Functions.Pages.Shared;

/// <summary>
/// The HTML id of the input for a field the API names (<c>criteria.gpLeadership.demonstrated</c> becomes
/// <c>criteria-gpLeadership-demonstrated</c>), so a problem the shared rules report links to its box.
/// </summary>
public static partial class FieldIds
{
    public static string For(string field) => NotAnIdCharacter().Replace(field, "-").Trim('-');

    /// <summary>The message for this field, if the rules reported one.</summary>
    public static string? MessageFor(IReadOnlyList<Pathfinder.Domain.ValidationProblem> problems, string field) =>
        problems.FirstOrDefault(p => string.Equals(p.Field, field, StringComparison.OrdinalIgnoreCase))?.Message;

    [GeneratedRegex("[^A-Za-z0-9_-]+")]
    private static partial Regex NotAnIdCharacter();
}
