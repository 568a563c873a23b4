using System.Globalization;
using System.Text;
using CsvHelper;
using Pathfinder.Functions.Reports;

namespace Pathfinder.Functions.Tests.Reports;

/// <summary>The CSV files the national team opens in Excel: encoding, quoting and formula cells.</summary>
public sealed class CsvTableTests
{
    private static readonly CsvTable Table = new(
        "names.csv",
        ["Consortium", "Note"],
        [
            ["Fenland, Ely and Wisbech", "said \"yes\" at once"],
            ["Ærøskøbing Ståhl Group", "two lines\r\nin one cell"],
            ["=HYPERLINK(\"http://evil.example\",\"Open\")", "+44 20 7946 0000"],
            ["-1+2", "@SUM(A1:A2)"],
            ["\tTabbed", "\rReturned"],
            ["Plain", ""],
        ]
    );

    [Fact]
    public void TheFile_StartsWithAByteOrderMark_AndIsUtf8()
    {
        var bytes = Table.ToBytes();

        Assert.Equal([0xEF, 0xBB, 0xBF], bytes[..3]);
        Assert.Contains("Ærøskøbing Ståhl Group", Encoding.UTF8.GetString(bytes[3..]), StringComparison.Ordinal);
    }

    [Fact]
    public void CommasQuotesAndNewLines_AreQuotedAsRfc4180Says()
    {
        var text = Encoding.UTF8.GetString(Table.ToBytes()[3..]);

        Assert.StartsWith(
            "Consortium,Note\r\n\"Fenland, Ely and Wisbech\",\"said \"\"yes\"\" at once\"\r\n",
            text,
            StringComparison.Ordinal
        );
        Assert.Contains("Ærøskøbing Ståhl Group,\"two lines\r\nin one cell\"\r\n", text, StringComparison.Ordinal);
        Assert.EndsWith("Plain,\r\n", text, StringComparison.Ordinal);
    }

    [Fact]
    public void ACellAFormulaCouldStartFrom_IsEscapedWithAnApostrophe()
    {
        var rows = ReadBack(Table.ToBytes());

        Assert.Equal("'=HYPERLINK(\"http://evil.example\",\"Open\")", rows[3][0]);
        Assert.Equal("'+44 20 7946 0000", rows[3][1]);
        Assert.Equal(["'-1+2", "'@SUM(A1:A2)"], rows[4]);
        Assert.Equal(["'\tTabbed", "'\rReturned"], rows[5]);
        // Nothing else changes.
        Assert.Equal(["Fenland, Ely and Wisbech", "said \"yes\" at once"], rows[1]);
        Assert.Equal(["Ærøskøbing Ståhl Group", "two lines\r\nin one cell"], rows[2]);
    }

    /// <summary>Reads a CSV file as a spreadsheet would: every row, every cell.</summary>
    internal static List<string[]> ReadBack(byte[] bytes)
    {
        using var reader = new StreamReader(
            new MemoryStream(bytes),
            Encoding.UTF8,
            detectEncodingFromByteOrderMarks: true
        );
        using var csv = new CsvReader(reader, CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (csv.Read())
        {
            rows.Add([.. Enumerable.Range(0, csv.Parser.Count).Select(i => csv.GetField(i) ?? "")]);
        }
        return rows;
    }
}
