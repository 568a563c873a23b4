namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// Turns an email into an expression of interest: a Word form if one is attached, else a .txt form, else the body
/// text; practices may also come as a .csv. Other attachments are kept by the webhook but never opened here.
/// </summary>
public static class IntakeForms
{
    public static FormReading Read(string? bodyText, IReadOnlyList<IntakeAttachment> attachments)
    {
        ArgumentNullException.ThrowIfNull(attachments);
        var answers = new FormAnswers();
        var forms = new List<IntakeAttachment>();
        var lists = new List<IntakeAttachment>();
        foreach (var attachment in attachments)
        {
            switch (AttachmentKinds.Of(attachment))
            {
                case AttachmentKind.Word or AttachmentKind.Text:
                    forms.Add(attachment);
                    break;
                case AttachmentKind.Csv:
                    lists.Add(attachment);
                    break;
                default:
                    answers.Note(AttachmentKinds.NotOpened(attachment));
                    break;
            }
        }

        // A Word form wins over a text one; if it cannot be read or is blank, the next source is tried.
        var used = forms
            .OrderBy(a => AttachmentKinds.Of(a) == AttachmentKind.Word ? 0 : 1)
            .FirstOrDefault(form => ReadForm(form, answers));
        if (used is null && bodyText is not null)
        {
            TextForm.Read(bodyText, answers);
        }
        foreach (var unused in forms.Where(f => used is not null && f != used))
        {
            answers.Note(
                $"'{unused.FileName}' was not read: the form in '{used!.FileName}' was. Send one form per email."
            );
        }
        foreach (var list in lists)
        {
            using var stream = list.Open();
            CsvPractices.Read(stream, list.FileName, answers);
        }
        return new FormReading(answers.ToForm(), answers.Notes);
    }

    /// <summary>Reads one attached form; false when it held no answers, so the caller tries the next source.</summary>
    private static bool ReadForm(IntakeAttachment form, FormAnswers answers)
    {
        if (AttachmentKinds.Of(form) == AttachmentKind.Text)
        {
            using var reader = new StreamReader(form.Open());
            TextForm.Read(reader, answers);
            return answers.HasAnswers;
        }
        try
        {
            using var stream = SeekableCopy.Of(form.Open());
            WordForm.Read(stream, form.FileName, answers);
        }
        catch (FormUnreadableException unreadable)
        {
            answers.Note(unreadable.Message);
            return false;
        }
        if (!answers.HasAnswers)
        {
            answers.Note($"The Word form '{form.FileName}' had no answers filled in.");
        }
        return answers.HasAnswers;
    }
}
