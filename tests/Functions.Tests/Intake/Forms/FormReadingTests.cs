using System.Text;
using System.Text.Json;
using Pathfinder.Domain;
using Pathfinder.Functions.Intake.Forms;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Intake.Forms;

/// <summary>Each way of sending the form reads to the same expression of interest, and says what it could not read.</summary>
public sealed class FormReadingTests
{
    private static readonly string Samples = Path.Combine(RepositoryRoot.Find(), "samples");

    private static readonly Dictionary<string, string> Answers = new()
    {
        ["Consortium name"] = "Fenland Health Consortium",
        ["SHA code"] = "Q35",
        ["PCT names"] = "NHS Cambridgeshire",
        ["Lead GP name"] = "Dr Jane Lead",
        ["Lead GP email"] = "jane.lead@fenland.example.nhs.uk",
        ["Lead GP phone"] = "01354 123456",
        ["Local Authority"] = "Cambridgeshire County Council",
        ["Evidence of GP leadership and support"] = "All eleven member practices signed the consortium agreement\nand elected a GP board in September 2010.",
        ["Evidence of Local Authority engagement"] = "A joint commissioning group with the county council meets monthly.",
        ["Contribution to QIPP"] = "We lead the local urgent care QIPP workstream.",
        ["Support needs"] = "governance models, clinical and financial risk",
        ["Areas of work"] = "urgent care, long-term conditions",
        ["Proposed go-live date"] = "2011-04-01",
        ["Research evaluation opt-in"] = "Yes",
    };

    private static readonly string[][] Practices =
    [
        ["D81001", "Riverside Surgery", "8500"],
        ["D81002", "Market Street Practice", "6200"],
        ["D81003", "Chatteris Medical Centre", "9100"],
    ];

    [Fact]
    public void TextSample_ReadsToAValidForm_IgnoringTheSignature()
    {
        var reading = IntakeForms.Read(File.ReadAllText(Path.Combine(Samples, "expression-of-interest.txt")), []);

        AssertIsTheFenlandForm(reading.Form);
        Assert.Empty(reading.Notes);
    }

    [Fact]
    public void WordRoundTrip_BlankFormFilledInAsInWord_ReadsBackToTheSameForm()
    {
        var filled = WordFormFiller.Fill(WordForm.Blank(), Answers, Practices);

        var reading = IntakeForms.Read(null, [Attachment("form.docx", filled)]);

        AssertIsTheFenlandForm(reading.Form);
        var fromText = IntakeForms.Read(File.ReadAllText(Path.Combine(Samples, "expression-of-interest.txt")), []).Form;
        Assert.Equal(JsonSerializer.Serialize(fromText), JsonSerializer.Serialize(reading.Form));
    }

    [Fact]
    public void WordForm_WithMorePracticesThanBlankRows_ReadsThemAll()
    {
        var many = Enumerable.Range(0, 20).Select(i => new[] { $"D8{i:D4}", $"Practice {i}", "5000" }).ToList();
        var reading = IntakeForms.Read(null, [Attachment("form.docx", WordFormFiller.Fill(WordForm.Blank(), Answers, many))]);

        Assert.Equal(20, reading.Form.Practices!.Count);
        Assert.True(reading.Form.Validate().IsValid);
    }

    [Fact]
    public void WordSample_IsAFilledValidForm()
    {
        var reading = IntakeForms.Read(null, [Attachment("expression-of-interest.docx",
            File.ReadAllBytes(Path.Combine(Samples, "expression-of-interest.docx")))]);

        AssertIsTheFenlandForm(reading.Form);
    }

    [Fact]
    public void InvalidSample_ReadsButDoesNotValidate_NamingEachProblem()
    {
        var reading = IntakeForms.Read(File.ReadAllText(Path.Combine(Samples, "invalid-expression-of-interest.txt")), []);
        var problems = reading.Form.Validate().Problems.Select(p => p.Field).ToList();

        Assert.Contains("shaCode", problems);
        Assert.Contains("practices[0].code", problems);
        Assert.Contains("practices[1].listSize", problems);
        Assert.Contains("evidence.localAuthorityEngagement", problems);
    }

    [Fact]
    public void TextAttachment_IsReadWhenTheBodyIsJustAGreeting()
    {
        var text = File.ReadAllBytes(Path.Combine(Samples, "expression-of-interest.txt"));
        var reading = IntakeForms.Read("Dear colleagues, please find our form attached.", [Attachment("eoi.txt", text)]);

        AssertIsTheFenlandForm(reading.Form);
    }

    [Fact]
    public void CsvPracticesList_WithHeaderAndQuotedCommas_SuppliesThePractices()
    {
        var body = File.ReadAllText(Path.Combine(Samples, "expression-of-interest.txt")).Split("Practices:")[0];
        var csv = "Practice code,Practice name,List size\nD81001,Riverside Surgery,8500\nD81002,\"Market Street Practice, Whittlesey\",6200\nD81003,Chatteris Medical Centre,9100\n";

        var reading = IntakeForms.Read(body, [Attachment("practices.csv", Encoding.UTF8.GetBytes(csv))]);

        Assert.Equal(["D81001", "D81002", "D81003"], reading.Form.Practices!.Select(p => p!.Code));
        Assert.Equal("Market Street Practice, Whittlesey", reading.Form.Practices![1]!.Name);
        Assert.True(reading.Form.Validate().IsValid);
    }

    [Fact]
    public void CorruptWordFile_IsNoted_InPlainWords()
    {
        var reading = IntakeForms.Read(null, [Attachment("form.docx", Encoding.UTF8.GetBytes("this is not a Word document"))]);

        Assert.Contains("The attachment 'form.docx' could not be opened as a Word document.", reading.Notes);
    }

    [Fact]
    public void OtherAttachments_AreKeptButNotOpened_AndTheReplySaysSo()
    {
        var opened = false;
        var photo = new IntakeAttachment("practice-photo.jpg", "image/jpeg", () =>
        {
            opened = true;
            return new MemoryStream();
        });

        var reading = IntakeForms.Read(File.ReadAllText(Path.Combine(Samples, "expression-of-interest.txt")), [photo]);

        Assert.False(opened);
        Assert.Contains(reading.Notes, n => n.Contains("'practice-photo.jpg' was kept but not opened", StringComparison.Ordinal));
    }

    [Fact]
    public void QuotedReplies_AreIgnored_AndUnknownLabelledLinesAreNoted()
    {
        var text = "> Consortium name: Someone Else\nConsortium name: Fenland Health Consortium\nFavourite colour: blue\n";

        var reading = IntakeForms.Read(text, []);

        Assert.Equal("Fenland Health Consortium", reading.Form.ConsortiumName);
        Assert.Contains("Line 3 'Favourite colour: blue' was not understood and was ignored.", reading.Notes);
    }

    [Fact]
    public void LongAnswers_AreCutAtTheDocumentedLimit_WithANote()
    {
        var reading = IntakeForms.Read($"Consortium name: {new string('A', 250)}\r\nSHA code: Q35\r\n", []);

        Assert.Equal(FormLimits.ConsortiumNameLength, reading.Form.ConsortiumName!.Length);
        Assert.Equal("Q35", reading.Form.ShaCode);
        Assert.Contains("The answer to 'Consortium name' was longer than 200 characters and was cut to fit.", reading.Notes);
    }

    [Fact]
    public void TextTemplate_FilledIn_ReadsBack()
    {
        var filled = new StringBuilder();
        foreach (var line in TextForm.Template.Split('\n'))
        {
            var label = line.TrimEnd(' ', ':', '\r');
            filled.AppendLine(Answers.TryGetValue(label, out var answer) ? $"{label}: {answer}" : line.TrimEnd('\r'));
        }
        foreach (var practice in Practices)
        {
            filled.AppendLine(string.Join(", ", practice));
        }

        AssertIsTheFenlandForm(IntakeForms.Read(filled.ToString(), []).Form);
    }

    private static IntakeAttachment Attachment(string name, byte[] content) =>
        new(name, "application/octet-stream", () => new MemoryStream(content, writable: false));

    private static void AssertIsTheFenlandForm(ExpressionOfInterestForm form)
    {
        Assert.Equal("Fenland Health Consortium", form.ConsortiumName);
        Assert.Equal("Q35", form.ShaCode);
        Assert.Equal("jane.lead@fenland.example.nhs.uk", form.LeadGp!.Email);
        Assert.Equal(["D81001", "D81002", "D81003"], form.Practices!.Select(p => p!.Code));
        Assert.Equal(["8500", "6200", "9100"], form.Practices!.Select(p => p!.ListSize));
        Assert.Contains("elected a GP board", form.Evidence!.GpLeadership, StringComparison.Ordinal);
        Assert.Equal(["urgent care", "long-term conditions"], form.AreasOfWork!);
        Assert.True(form.ResearchEvaluationOptIn);
        var validated = form.Validate();
        Assert.True(validated.IsValid, string.Join("; ", validated.Problems.Select(p => $"{p.Field}: {p.Message}")));
    }
}
