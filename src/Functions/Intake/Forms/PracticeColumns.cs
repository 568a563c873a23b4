namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// Which column holds what in a practices table or .csv. A header row is read by its words, so a table with its
/// columns moved or an extra column added still reads; without a header the columns are code, name, list size.
/// </summary>
internal sealed record PracticeColumns(int Code, int Name, int ListSize)
{
    public static PracticeColumns InOrder { get; } = new(0, 1, 2);

    /// <summary>A header row names a code column and a name column; no practice row does.</summary>
    public static bool IsHeader(IReadOnlyList<string> cells) => FromHeader(cells) is not null;

    public static PracticeColumns? FromHeader(IReadOnlyList<string> cells)
    {
        var code = Find(cells, c => c.Contains("code", StringComparison.OrdinalIgnoreCase));
        var name = Find(cells, c => c.Contains("name", StringComparison.OrdinalIgnoreCase));
        var size = Find(cells, c =>
            c.Contains("size", StringComparison.OrdinalIgnoreCase)
            || c.Contains("list", StringComparison.OrdinalIgnoreCase)
            || c.Contains("patients", StringComparison.OrdinalIgnoreCase)
        );
        return code >= 0 && name >= 0 && code != name
            ? new PracticeColumns(code, name, size >= 0 && size != code && size != name ? size : -1)
            : null;
    }

    public string CodeOf(IReadOnlyList<string> cells) => Cell(cells, Code);

    public string NameOf(IReadOnlyList<string> cells) => Cell(cells, Name);

    public string ListSizeOf(IReadOnlyList<string> cells) => Cell(cells, ListSize);

    private static string Cell(IReadOnlyList<string> cells, int index) =>
        index >= 0 && index < cells.Count ? cells[index].Trim() : "";

    private static int Find(IReadOnlyList<string> cells, Func<string, bool> names)
    {
        for (var i = 0; i < cells.Count; i++)
        {
            if (names(cells[i]))
            {
                return i;
            }
        }
        return -1;
    }
}
