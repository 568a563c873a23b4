namespace Pathfinder.Functions.Pages.Shared;

/// <summary>An NHS.UK date input as typed: day, month and year boxes (the go-live date, a wave's dates).</summary>
public sealed record DateInputValues(string? Day, string? Month, string? Year)
{
    public static DateInputValues Empty { get; } = new(null, null, null);

    public static DateInputValues Read(IFormCollection form, string name) =>
        new(
            form[$"{name}-day"].FirstOrDefault(),
            form[$"{name}-month"].FirstOrDefault(),
            form[$"{name}-year"].FirstOrDefault()
        );

    public bool IsBlank =>
        string.IsNullOrWhiteSpace(Day) && string.IsNullOrWhiteSpace(Month) && string.IsNullOrWhiteSpace(Year);

    /// <summary>The date, or null when the boxes do not make a real date.</summary>
    public DateOnly? ToDate() =>
        int.TryParse(Day, out var d)
        && int.TryParse(Month, out var m)
        && int.TryParse(Year, out var y)
        && y is >= 1900 and <= 9999
        && m is >= 1 and <= 12
        && d >= 1
        && d <= DateTime.DaysInMonth(y, m)
            ? new DateOnly(y, m, d)
            : null;
}
