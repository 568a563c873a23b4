using System.Collections.ObjectModel;

namespace Pathfinder.Domain;

/// <summary>
/// Resident population of each SHA area in 2010: the ONS mid-2010 population estimates by SHA area, rounded to the
/// nearest 100,000. They exist to report coverage as a share ("a quarter of the country is covered"), not as exact
/// counts; registered list sizes and resident population differ anyway (people register outside their area, and
/// lists carry people who have moved away). England is the sum of the ten areas.
/// </summary>
public static class ReferencePopulation2010
{
    /// <summary>The ONS area code for England, used for the England line of reports.</summary>
    public const string EnglandCode = "E92000001";

    /// <summary>Population by SHA, in the order of <see cref="ShaCode.All"/>.</summary>
    public static ReadOnlyDictionary<ShaCode, long> BySha { get; } =
        new(
            new Dictionary<ShaCode, long>
            {
                [ShaCode.NorthEast] = 2_600_000,
                [ShaCode.NorthWest] = 6_900_000,
                [ShaCode.YorkshireAndTheHumber] = 5_300_000,
                [ShaCode.EastMidlands] = 4_500_000,
                [ShaCode.WestMidlands] = 5_400_000,
                [ShaCode.EastOfEngland] = 5_800_000,
                [ShaCode.London] = 7_800_000,
                [ShaCode.SouthEastCoast] = 4_300_000,
                [ShaCode.SouthCentral] = 4_200_000,
                [ShaCode.SouthWest] = 5_300_000,
            }
        );

    /// <summary>England: the ten SHA areas together (52.1 million).</summary>
    public static long England { get; } = BySha.Values.Sum();

    public static long For(ShaCode sha) => BySha[sha];
}
