using Microsoft.AspNetCore.Http.HttpResults;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Intake.Forms;
using Pathfinder.Functions.Intake.Inbound;
using Pathfinder.Fuzz;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Hostile;

/// <summary>
/// Replays every input of the fuzzing harness (tests/Fuzz): the seed corpus and each crasher afl-fuzz ever found, so
/// a reader fixed once stays fixed, and this runs where afl-fuzz is not installed. An input passes when its target
/// returns (the reader read it or refused it in its documented way) within <see cref="Bounded"/>.
/// </summary>
public sealed class FuzzRegressionTests
{
    /// <summary>Each input is a few kilobytes and reads in milliseconds; longer is a hang, not a slow
    /// machine.</summary>
    private static readonly TimeSpan Bounded = TimeSpan.FromSeconds(15);

    private static readonly string FuzzFolder = Path.Combine(RepositoryRoot.Find(), "tests", "Fuzz");

    public static TheoryData<string, string> Inputs()
    {
        var data = new TheoryData<string, string>();
        foreach (var target in ReaderTargets.All.Keys)
        {
            foreach (var folder in new[] { "corpus", "crashers" })
            {
                foreach (var file in InputsIn(Path.Combine(FuzzFolder, folder, target)))
                {
                    data.Add(target, Path.GetRelativePath(FuzzFolder, file));
                }
            }
        }
        return data;
    }

    [Theory]
    [MemberData(nameof(Inputs))]
    public async Task Replay_FuzzInput_TheReaderReadsOrRefusesIt_InBoundedTime(string target, string input)
    {
        var bytes = await File.ReadAllBytesAsync(Path.Combine(FuzzFolder, input));

        var reading = Task.Run(() => ReaderTargets.All[target](new MemoryStream(bytes)));
        var first = await Task.WhenAny(reading, Task.Delay(Bounded));

        Assert.True(first == reading, $"{input} took longer than {Bounded.TotalSeconds} s: a hang.");
        await reading; // Rethrows what the reader threw: a crash.
    }

    [Fact]
    public void SeedCorpus_InboundParsePosts_AreEachRecordedAsAnEmail()
    {
        // The fuzzer mutates from these: a seed refused as malformed would leave the reading of fields unexplored.
        var seeds = InputsIn(Path.Combine(FuzzFolder, "corpus", ReaderTargets.Multipart)).ToList();

        Assert.NotEmpty(seeds);
        Assert.All(seeds, seed =>
            Assert.IsType<Step<InboundEmailRecord, ProblemHttpResult>.Passed>(
                ReaderTargets.ReceiveInboundParsePost(File.ReadAllBytes(seed))
            )
        );
    }

    [Fact]
    public void SeedCorpus_WordForms_AreEachReadWithAnswers()
    {
        var seeds = InputsIn(Path.Combine(FuzzFolder, "corpus", ReaderTargets.Word)).ToList();

        Assert.NotEmpty(seeds);
        Assert.All(seeds, seed => Assert.True(ReaderTargets.ReadWordForm(File.ReadAllBytes(seed)).HasAnswers, seed));
    }

    [Fact]
    public void WordForm_DamagedDocx_IsRefusedAsUnreadable_NotCountedAsACrash()
    {
        // The target's line between a refusal and a crash: a cut-off .docx is refused, which the target accepts.
        var seed = File.ReadAllBytes(InputsIn(Path.Combine(FuzzFolder, "corpus", ReaderTargets.Word)).First());
        var cut = seed[..(seed.Length / 2)];

        Assert.Throws<FormUnreadableException>(() => ReaderTargets.ReadWordForm(cut));
        ReaderTargets.WordForm(new MemoryStream(cut));
    }

    // Placeholders that keep empty folders in git are not inputs.
    private static IEnumerable<string> InputsIn(string folder) =>
        Directory.Exists(folder)
            ? Directory
                .EnumerateFiles(folder)
                .Where(f => !Path.GetFileName(f).StartsWith('.'))
                .Order(StringComparer.Ordinal)
            : [];
}
