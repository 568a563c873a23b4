using System.Text;
using Pathfinder.Domain;
using Pathfinder.Functions.Intake.Forms;

namespace Pathfinder.Functions.Tests.Hostile;

/// <summary>
/// A text or .csv attachment of many megabytes on one line is cut with a note, without ever being held as one string:
/// only <see cref="FormReadLimits.LineLength"/> characters of a line are kept.
/// </summary>
public sealed class HostileTextTests
{
    /// <summary>Reading 20 MB on one line whole allocated over 200 MB; kept to its first 50,001 characters, a few
    /// MB.</summary>
    private const long MostAllocated = 16L * 1024 * 1024;

    private static readonly byte[] OneLine = Encoding.UTF8.GetBytes(
        "Consortium name: " + new string('x', 20_000_000) + "\nSHA code: Q35\n"
    );

    [Fact]
    public void Read_TextFormOfTwentyMegabytesOnOneLine_IsCutWithANote_WithoutHoldingTheLine()
    {
        var (reading, allocated) = Read("form.txt", "text/plain");

        Assert.Equal(new string('x', FormLimits.ConsortiumNameLength), reading.Form.ConsortiumName);
        Assert.Equal("Q35", reading.Form.ShaCode);
        Assert.Contains("The answer to 'Consortium name' was longer than 200 characters and was cut.", reading.Notes);
        Assert.InRange(allocated, 0, MostAllocated);
    }

    [Fact]
    public void Read_CsvOfTwentyMegabytesInOneField_IsReportedWithANote_WithoutHoldingTheField()
    {
        var (reading, allocated) = Read("practices.csv", "text/csv");

        Assert.Null(reading.Form.Practices);
        Assert.Contains(
            "Row 1 of 'practices.csv' should have a practice code, name and list size and was ignored.",
            reading.Notes
        );
        Assert.InRange(allocated, 0, MostAllocated);
    }

    private static (FormReading Reading, long Allocated) Read(string fileName, string contentType)
    {
        // The attachment's own bytes are made before counting: only what reading it allocates is counted.
        var bytes = OneLine;
        var attachment = new IntakeAttachment(fileName, contentType, () => new MemoryStream(bytes));
        var before = GC.GetAllocatedBytesForCurrentThread();
        var reading = IntakeForms.Read(null, [attachment]);
        return (reading, GC.GetAllocatedBytesForCurrentThread() - before);
    }
}
