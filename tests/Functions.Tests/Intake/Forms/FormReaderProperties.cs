using System.Globalization;
using System.Text;
using System.Text.Json;
using FsCheck;
using FsCheck.Fluent;
using Pathfinder.Domain;
using Pathfinder.Functions.Intake.Forms;

namespace Pathfinder.Functions.Tests.Intake.Forms;

/// <summary>
/// What holds of the form readers for every email, not only the samples: whatever is sent, reading never throws
/// (a Word file that cannot be opened is a note, not an exception), what is read stays within the limits, the
/// Domain names each problem, and a correctly filled form reads back exactly as it was filled in.
/// </summary>
public sealed class FormReaderProperties
{
    private const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    private static readonly byte[] FilledDocx = WordFormFiller.Fill(
        FormTemplates.WordDocument(),
        ReferenceForm.Answers,
        ReferenceForm.Practices
    );

    private static readonly string[] Labels =
    [
        .. FormFields.All.SelectMany(f => f.Synonyms.Append(f.Label)),
        "Practices",
        "Member practices",
        "Outcome",
    ];

    private static readonly Gen<string> Hostile = Gen.Elements(
        "<script>alert('x')</script>",
        "Fenland\r\nBcc: attacker@evil.example",
        "\0\u202E",
        "😀",
        "\uD800",
        "-- ",
        "> quoted",
        "# guidance",
        "On Mon, 1 Nov 2010, Jane wrote:",
        "D81001, \"Riverside, \"\"Old\"\" Surgery\", 8,500",
        "D81001;Riverside;8500",
        "D81001\tRiverside\t8500",
        "code, name, list size",
        "-----Original Message-----"
    );

    private static readonly Gen<string> Line = Gen.Frequency(
        (
            4,
            from label in Gen.Elements(Labels)
            from separator in Gen.Elements(":", " : ", ":\t", "")
            from value in Gen.OneOf(ArbMap.Default.GeneratorFor<string>().Select(s => s ?? ""), Hostile)
            select label + separator + value
        ),
        (3, ArbMap.Default.GeneratorFor<string>().Select(s => s ?? "")),
        (2, Hostile),
        (
            1,
            from code in Gen.Choose(0, 99_999)
            from size in Gen.Choose(-5, 2_000_000)
            select $"D{code:D5}, Practice {code}, {size.ToString("N0", CultureInfo.InvariantCulture)}"
        ),
        (1, Gen.Choose(1_000, 70_000).Select(n => new string('x', n)))
    );

    private static readonly Gen<string> EmailText =
        from lines in Gen.ListOf(Line)
        from newLine in Gen.Elements("\n", "\r\n", "\r")
        select string.Join(newLine, lines);

    private static readonly Gen<byte[]> DamagedDocx = Gen.OneOf(
        from count in Gen.Choose(1, 8)
        from positions in Gen.ArrayOf(Gen.Choose(0, FilledDocx.Length - 1), count)
        from values in Gen.ArrayOf(Gen.Choose(0, 255), count)
        select Damaged(positions, values),
        Gen.Choose(0, FilledDocx.Length - 1).Select(length => FilledDocx[..length])
    );

    private static readonly Gen<byte[]> AnyBytes = Gen.Frequency(
        (3, ArbMap.Default.GeneratorFor<byte[]>()),
        (3, DamagedDocx),
        (2, EmailText.Select(Encoding.UTF8.GetBytes)),
        (1, EmailText.Select(Encoding.Unicode.GetBytes))
    );

    [Fact]
    public void Read_AnyEmailText_NeverThrows_StaysWithinTheLimits_AndEveryProblemNamesAField()
    {
        Check(EmailText, text =>
        {
            var reading = IntakeForms.Read(text, []);

            AssertWithinLimits(reading);
            AssertJudgedWithNamedProblems(reading.Form);
        });
    }

    [Fact]
    public void Read_AnyAttachment_NeverThrows_AndAWordFileThatCannotBeOpenedIsNamedInANote()
    {
        var kinds = Gen.Elements(
            ("form.docx", WordType),
            ("form.txt", "text/plain"),
            ("practices.csv", "text/csv"),
            ("FORM", WordType),
            ("list", "text/csv; charset=utf-8")
        );
        var cases =
            from kind in kinds
            from bytes in AnyBytes
            from body in Gen.Elements<string?>(null, "", "Consortium name: X")
            select (kind.Item1, kind.Item2, bytes, body);

        Check(cases, c =>
        {
            var (fileName, contentType, bytes, body) = c;
            var reading = IntakeForms.Read(
                body,
                [new IntakeAttachment(fileName, contentType, () => new MemoryStream(bytes))]
            );

            AssertWithinLimits(reading);
            AssertJudgedWithNamedProblems(reading.Form);
            // Nothing read from a Word file and no body to fall back on: the applicant is told which file failed.
            if (
                contentType == WordType
                && body is not "Consortium name: X"
                && JsonSerializer.Serialize(reading.Form) == JsonSerializer.Serialize(new FormAnswers().ToForm())
            )
            {
                Assert.Contains(reading.Notes, n => n.Contains($"'{fileName}'", StringComparison.Ordinal));
            }
        });
    }

    [Fact]
    public void WordForm_DamagedDocument_IsReadOrReportedUnreadable_NeverAnotherException()
    {
        Check(DamagedDocx, bytes =>
        {
            var answers = new FormAnswers();
            try
            {
                WordForm.Read(new MemoryStream(bytes), "form.docx", answers);
            }
            catch (FormUnreadableException unreadable)
            {
                Assert.Equal("The attachment 'form.docx' could not be opened as a Word document.", unreadable.Message);
                return;
            }
            AssertJudgedWithNamedProblems(answers.ToForm());
        });
    }

    [Fact]
    public void Read_ValidTextForm_InTheBodyOrAttached_ReadsExactlyAsFilledIn()
    {
        Check(
            FilledForm.Valid,
            filled =>
            {
                var text = filled.AsText();

                AssertReadsAs(filled.Expected, IntakeForms.Read(text, []));
                AssertReadsAs(
                    filled.Expected,
                    IntakeForms.Read(
                        null,
                        [
                            new IntakeAttachment("form.txt", "text/plain", () =>
                                new MemoryStream(Encoding.UTF8.GetBytes(text))
                            ),
                        ]
                    )
                );
            },
            cases: 100
        );
    }

    [Fact]
    public void Read_ValidWordForm_ReadsExactlyAsFilledIn()
    {
        Check(
            FilledForm.Valid,
            filled =>
            {
                var docx = WordFormFiller.Fill(FormTemplates.WordDocument(), filled.Answers, filled.Practices);

                AssertReadsAs(
                    filled.Expected,
                    IntakeForms.Read(
                        "Please find our form attached.",
                        [new IntakeAttachment("form.docx", WordType, () => new MemoryStream(docx))]
                    )
                );
            },
            cases: 50
        );
    }

    [Fact]
    public void CsvPractices_PracticesWrittenAsCsv_ReadBackAsWritten_WithOrWithoutAHeader()
    {
        var cases =
            from practices in FilledForm.Valid.Select(f => f.Practices)
            from header in Gen.Elements(true, false)
            from newLine in Gen.Elements("\n", "\r\n")
            select (practices, header, newLine);

        Check(cases, c =>
        {
            var rows = (c.header ? ["Practice code,Practice name,List size"] : Array.Empty<string>()).Concat(
                c.practices.Select(p => string.Join(',', p.Select(Quote)))
            );
            var answers = new FormAnswers();

            CsvPractices.Read(
                new MemoryStream(Encoding.UTF8.GetBytes(string.Join(c.newLine, rows))),
                "list.csv",
                answers
            );

            Assert.Equal(
                c.practices.Select(p => string.Join('|', p)),
                answers.ToForm().Practices.OrEmpty().Select(p => $"{p!.Code}|{p.Name}|{p.ListSize}")
            );
            Assert.Empty(answers.Notes);
        });
    }

    private static void Check<T>(Gen<T> generator, Action<T> property, int cases = 150) =>
        Prop.ForAll(generator.ToArbitrary(), property)
            .Check(Config.QuickThrowOnFailure.WithMaxTest(cases).WithEndSize(25));

    private static byte[] Damaged(int[] positions, int[] values)
    {
        var copy = (byte[])FilledDocx.Clone();
        for (var i = 0; i < positions.Length; i++)
        {
            copy[positions[i]] = (byte)values[i];
        }
        return copy;
    }

    private static string Quote(string cell) =>
        cell.IndexOfAny([',', '"']) >= 0 ? $"\"{cell.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : cell;

    private static void AssertReadsAs(ExpressionOfInterestForm expected, FormReading reading)
    {
        Assert.Equal(JsonSerializer.Serialize(expected), JsonSerializer.Serialize(reading.Form));
        var validated = reading.Form.Validate();
        Assert.True(validated.IsValid, string.Join("; ", validated.Problems));
        Assert.Empty(reading.Notes);
    }

    /// <summary>The reader's cuts: nothing it hands on is longer than the form allows, however long the
    /// email.</summary>
    private static void AssertWithinLimits(FormReading reading)
    {
        var form = reading.Form;
        Assert.InRange(form.ConsortiumName?.Length ?? 0, 0, FormLimits.ConsortiumNameLength);
        Assert.InRange(form.ShaCode?.Length ?? 0, 0, FormReadLimits.ShaCodeLength);
        Assert.InRange(form.Evidence?.GpLeadership?.Length ?? 0, 0, FormLimits.EvidenceLength);
        Assert.InRange(form.LeadGp?.Phone?.Length ?? 0, 0, FormLimits.PhoneLength);
        Assert.InRange(form.ProposedGoLive?.Length ?? 0, 0, FormReadLimits.GoLiveLength);
        Assert.InRange(form.Practices.OrEmpty().Count(), 0, FormReadLimits.PracticesRead);
        Assert.All(form.Practices.OrEmpty(), p => Assert.InRange(p!.Name!.Length, 0, FormLimits.PracticeNameLength));
        Assert.All(form.SupportNeeds.OrEmpty(), n => Assert.InRange(n!.Length, 1, FormReadLimits.SupportNeedLength));
        Assert.All(reading.Notes, n => Assert.False(string.IsNullOrWhiteSpace(n)));
    }

    private static void AssertJudgedWithNamedProblems(ExpressionOfInterestForm form)
    {
        var validated = form.Validate();
        Assert.Equal(validated.IsValid, validated.Problems.Count == 0);
        Assert.All(validated.Problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Field)));
    }
}

internal static class Lists
{
    public static IEnumerable<T> OrEmpty<T>(this IEnumerable<T>? items) => items ?? [];
}
