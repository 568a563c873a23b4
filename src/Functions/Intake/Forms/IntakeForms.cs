using Pathfinder.Domain;

namespace Pathfinder.Functions.Intake.Forms;

/// <summary>An attachment as the webhook stored it; opened only if it is one the intake reads.</summary>
public sealed record IntakeAttachment(string FileName, string ContentType, Func<Stream> Open);

/// <summary>The form as read, with remarks for the reply (what was cut, ignored or unreadable).</summary>
public sealed record FormReading(ExpressionOfInterestForm Form, IReadOnlyList<string> Notes);

/// <summary>
/// Turns an email into an expression of interest: a Word form if attached, else a .txt form, else the
/// body text; practices may also come as a .csv. Other attachments are kept but never opened.
/// </summary>
public static class IntakeForms
{
    public static FormReading Read(string? bodyText, IReadOnlyList<IntakeAttachment> attachments)
    {
        var answers = new FormAnswers();
        var word = attachments.Where(a => Is(a, ".docx")).ToList();
        var text = attachments.Where(a => Is(a, ".txt")).ToList();
        var csv = attachments.Where(a => Is(a, ".csv")).ToList();
        foreach (var other in attachments.Except(word).Except(text).Except(csv))
        {
            answers.Note($"'{other.FileName}' was kept but not opened: only .docx, .txt and .csv attachments are read.");
        }
        foreach (var extra in word.Skip(1).Concat(text.Skip(word.Count > 0 ? 0 : 1)))
        {
            answers.Note($"'{extra.FileName}' was not read: send one form per email.");
        }

        if (word.FirstOrDefault() is { } docx)
        {
            try
            {
                using var stream = Seekable(docx.Open());
                WordForm.Read(stream, docx.FileName, answers);
            }
            catch (FormUnreadableException unreadable)
            {
                answers.Note(unreadable.Message);
            }
        }
        if (!answers.HasAnswers && word.Count == 0 && text.FirstOrDefault() is { } txt)
        {
            using var reader = new StreamReader(txt.Open());
            TextForm.Read(reader.ReadToEnd(), answers);
        }
        if (!answers.HasAnswers && word.Count == 0 && text.Count == 0 && bodyText is not null)
        {
            TextForm.Read(bodyText, answers);
        }
        foreach (var list in csv)
        {
            using var stream = list.Open();
            CsvPractices.Read(stream, list.FileName, answers);
        }
        return new FormReading(answers.ToForm(), answers.Notes);
    }

    private static bool Is(IntakeAttachment attachment, string extension) =>
        attachment.FileName.EndsWith(extension, StringComparison.OrdinalIgnoreCase);

    /// <summary>Word needs to seek; a form is small, so a copy in memory is fine (capped to refuse a giant).</summary>
    private static Stream Seekable(Stream stream)
    {
        if (stream.CanSeek)
        {
            return stream;
        }
        const int MaxFormBytes = 20 * 1024 * 1024;
        var copy = new MemoryStream();
        var buffer = new byte[81920];
        int read;
        while ((read = stream.Read(buffer)) > 0)
        {
            if (copy.Length + read > MaxFormBytes)
            {
                stream.Dispose();
                throw new FormUnreadableException("The Word form is larger than 20 MB; a filled form is far smaller.", new InvalidDataException());
            }
            copy.Write(buffer, 0, read);
        }
        stream.Dispose();
        copy.Position = 0;
        return copy;
    }
}
