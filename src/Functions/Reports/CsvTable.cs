using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;

namespace Pathfinder.Functions.Reports;

/// <summary>
/// A table for the national team's spreadsheets, written as CSV: UTF-8 with a byte-order mark (so Excel reads names
/// with accents), RFC 4180 quoting (CsvHelper), and every cell a formula could start from (=, +, -, @, tab, carriage
/// return) escaped with a leading apostrophe, so a consortium's name cannot run a formula in Excel.
/// </summary>
public sealed record CsvTable(string FileName, IReadOnlyList<string> Header, IReadOnlyList<IReadOnlyList<string>> Rows)
{
    private static readonly CsvConfiguration Configuration = new(CultureInfo.InvariantCulture)
    {
        InjectionOptions = InjectionOptions.Escape,
        NewLine = "\r\n",
    };

    public byte[] ToBytes()
    {
        using var buffer = new MemoryStream();
        using (
            var writer = new StreamWriter(
                buffer,
                new UTF8Encoding(encoderShouldEmitUTF8Identifier: true),
                leaveOpen: true
            )
        )
        using (var csv = new CsvWriter(writer, Configuration))
        {
            foreach (var row in Rows.Prepend(Header))
            {
                foreach (var cell in row)
                {
                    csv.WriteField(cell);
                }
                csv.NextRecord();
            }
        }
        return buffer.ToArray();
    }

    /// <summary>The file, as a download named <see cref="FileName"/>.</summary>
    public FileContentHttpResult ToResult() => TypedResults.File(ToBytes(), "text/csv; charset=utf-8", FileName);

    public static string Number(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Number(decimal? value) => value?.ToString("0.0", CultureInfo.InvariantCulture) ?? "";
}
