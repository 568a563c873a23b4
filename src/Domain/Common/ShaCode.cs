using System.Collections.ObjectModel;

namespace Pathfinder.Domain;

/// <summary>
/// One of the ten Strategic Health Authorities of 2010 that consider expressions of interest in their area.
/// The list is closed: the programme ran under these ten, so anything else is a mistake in the form.
/// </summary>
public sealed record ShaCode
{
    private ShaCode(string code, string name)
    {
        Code = code;
        Name = name;
    }

    public static ShaCode NorthEast { get; } = new("Q30", "North East");
    public static ShaCode NorthWest { get; } = new("Q31", "North West");
    public static ShaCode YorkshireAndTheHumber { get; } = new("Q32", "Yorkshire and the Humber");
    public static ShaCode EastMidlands { get; } = new("Q33", "East Midlands");
    public static ShaCode WestMidlands { get; } = new("Q34", "West Midlands");
    public static ShaCode EastOfEngland { get; } = new("Q35", "East of England");
    public static ShaCode London { get; } = new("Q36", "London");
    public static ShaCode SouthEastCoast { get; } = new("Q37", "South East Coast");
    public static ShaCode SouthCentral { get; } = new("Q38", "South Central");
    public static ShaCode SouthWest { get; } = new("Q39", "South West");

    /// <summary>All ten, in code order.</summary>
    public static ReadOnlyCollection<ShaCode> All { get; } =
        new([
            NorthEast,
            NorthWest,
            YorkshireAndTheHumber,
            EastMidlands,
            WestMidlands,
            EastOfEngland,
            London,
            SouthEastCoast,
            SouthCentral,
            SouthWest,
        ]);

    /// <summary>The organisation code, e.g. <c>Q35</c>.</summary>
    public string Code { get; }

    /// <summary>The SHA's name, e.g. <c>East of England</c>.</summary>
    public string Name { get; }

    /// <summary>Reads a code as typed in a form: surrounding spaces and lower case are fine (<c>" q35 "</c>).</summary>
    public static Result<ShaCode> From(string? text)
    {
        var code = text?.Trim().ToUpperInvariant();
        if (string.IsNullOrEmpty(code))
        {
            return Result.Failure<ShaCode>(
                "Say which Strategic Health Authority the consortium belongs to (Q30 to Q39)."
            );
        }

        var sha = All.FirstOrDefault(s => s.Code == code);
        return sha is null
            ? Result.Failure<ShaCode>(
                $"'{Quoted.Text(text!.Trim())}' is not one of the ten Strategic Health Authorities; use a code from "
                    + $"Q30 to Q39, "
                    + "for example Q35 for East of England."
            )
            : Result.Success(sha);
    }

    public override string ToString() => Code;
}
