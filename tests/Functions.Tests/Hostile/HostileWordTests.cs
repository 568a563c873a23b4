using System.Diagnostics;
using Pathfinder.Functions.Intake.Forms;
using Pathfinder.Functions.Tests.Intake.Forms;

namespace Pathfinder.Functions.Tests.Hostile;

/// <summary>
/// A .docx that is a compression bomb is refused as unreadable, quickly and without being expanded: the reader stops
/// at <see cref="FormReadLimits.WordDocumentCharacters"/>, so neither the time nor the memory grows with the bomb.
/// </summary>
public sealed class HostileWordTests
{
    /// <summary>
    /// A small fraction of what the bomb expands to (256 MB). Loading ten million characters of empty paragraphs
    /// before refusing them allocated 227 MB; counting them as they stream past allocates well under 1 MB.
    /// </summary>
    private const long MostAllocated = 16L * 1024 * 1024;

    public static TheoryData<string> Bombs =>
        new() { nameof(ZipBombs.OneHugeAnswer), nameof(ZipBombs.MillionsOfParagraphs) };

    [Theory]
    [MemberData(nameof(Bombs))]
    public void Read_WordZipBomb_IsReportedUnreadable_QuicklyAndWithoutExpandingIt(string bomb)
    {
        var docx = bomb == nameof(ZipBombs.OneHugeAnswer) ? ZipBombs.OneHugeAnswer() : ZipBombs.MillionsOfParagraphs();
        Assert.InRange(docx.Length, 1, 2 * 1024 * 1024);

        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        var reading = IntakeForms.Read(null, [ZipBombs.Attachment(docx, "expression-of-interest.docx")]);
        clock.Stop();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - allocatedBefore;

        Assert.Contains(
            "The attachment 'expression-of-interest.docx' could not be opened as a Word document.",
            reading.Notes
        );
        Assert.Null(reading.Form.ConsortiumName);
        Assert.InRange(clock.Elapsed, TimeSpan.Zero, TimeSpan.FromSeconds(10));
        Assert.InRange(allocated, 0, MostAllocated);
    }

    [Fact]
    public void Read_WordFormWithAsManyPracticeRowsAsAreRead_IsNotMistakenForABomb()
    {
        var practices = Enumerable
            .Range(0, FormReadLimits.PracticesRead)
            .Select(i => new[] { $"D{i:D5}", $"Practice {i}", "8500" })
            .ToList();
        var docx = WordFormFiller.Fill(FormTemplates.WordDocument(), ReferenceForm.Answers, practices);

        var reading = IntakeForms.Read(null, [ZipBombs.Attachment(docx)]);

        Assert.Equal(FormReadLimits.PracticesRead, reading.Form.Practices!.Count);
        Assert.Contains(reading.Form.Validate().Problems, p =>
            p.Field == "practices"
            && p.Message == $"List at most 500 practices; there are {FormReadLimits.PracticesRead}."
        );
    }
}
