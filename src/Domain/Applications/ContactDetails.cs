namespace Pathfinder.Domain;

/// <summary>
/// Deliberately loose checks on contact details: they catch a name typed into the email box or a number with
/// digits missing, not every address the standards allow. Delivery is the real test.
/// </summary>
public static class ContactDetails
{
    public static bool LooksLikeEmail(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var at = text.IndexOf('@', StringComparison.Ordinal);
        if (at <= 0 || at != text.LastIndexOf('@') || text.Any(char.IsWhiteSpace))
        {
            return false;
        }

        var domain = text[(at + 1)..];
        return domain.Contains('.', StringComparison.Ordinal) && !domain.StartsWith('.') && !domain.EndsWith('.');
    }

    /// <summary>10 or 11 digits (0191 123 4567, 01632 960001), or the same after +44 with the 0 dropped.</summary>
    public static bool LooksLikeUkPhone(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.Any(c => !char.IsAsciiDigit(c) && c is not (' ' or '-' or '(' or ')' or '+')))
        {
            return false;
        }

        var digits = string.Concat(trimmed.Where(char.IsAsciiDigit));
        if (trimmed.StartsWith("+44", StringComparison.Ordinal))
        {
            return digits.Length is 11 or 12;
        }

        return !trimmed.Contains('+', StringComparison.Ordinal) && digits.StartsWith('0') && digits.Length is 10 or 11;
    }
}
