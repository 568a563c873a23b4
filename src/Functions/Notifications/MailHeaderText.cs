using System.Text.RegularExpressions;

namespace Pathfinder.Functions.Notifications;

/// <summary>Display names and subjects in the form SendGrid accepts and mail headers can carry.</summary>
internal static partial class MailHeaderText
{
    private const string NameSeparator = " - ";

    /// <summary>
    /// SendGrid refuses a name in from, reply_to or a personalization that contains ',' or ';' (it would read the
    /// name as a list of addresses). Quoting the name is not documented to help, so the separator is reworded:
    /// "GP consortia pathfinder programme, Department of Health" goes out as "... programme - Department of Health".
    /// A name with nothing left is no name.
    /// </summary>
    public static string? DisplayName(string? name)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var safe = string.Join(NameSeparator, ListSeparator().Split(SingleLine(name)).Where(part => part.Length > 0));
        return safe.Length > 0 ? safe : null;
    }

    /// <summary>A line break would end the header and could start another one, so each becomes one space.</summary>
    public static string SingleLine(string text) => LineBreaks().Replace(text, " ").Trim();

    [GeneratedRegex(@"\s*[\r\n]+\s*")]
    private static partial Regex LineBreaks();

    [GeneratedRegex(@"\s*[,;]\s*")]
    private static partial Regex ListSeparator();
}
