namespace Pathfinder.Functions.Intake.Forms;

/// <summary>What an attachment is to the intake: a form, a practices list, or something only kept.</summary>
internal enum AttachmentKind
{
    Other,
    Word,
    Text,
    Csv,
}

/// <summary>Knows attachments by their file name, or by content type when the name has no extension.</summary>
internal static class AttachmentKinds
{
    private const string WordType = "application/vnd.openxmlformats-officedocument.wordprocessingml.document";

    public static AttachmentKind Of(IntakeAttachment attachment) =>
        Path.GetExtension(attachment.FileName).ToLowerInvariant() switch
        {
            ".docx" => AttachmentKind.Word,
            ".txt" => AttachmentKind.Text,
            ".csv" => AttachmentKind.Csv,
            "" => ByContentType(attachment.ContentType),
            _ => AttachmentKind.Other,
        };

    public static string NotOpened(IntakeAttachment attachment) =>
        $"'{attachment.FileName}' was kept but not opened: only .docx, .txt and .csv attachments are read."
        + (
            Path.GetExtension(attachment.FileName).Equals(".doc", StringComparison.OrdinalIgnoreCase)
                ? " It is in Word's older format: save it as a Word Document (.docx) and send it again."
                : ""
        );

    private static AttachmentKind ByContentType(string contentType) =>
        (contentType.Split(';')[0].Trim().ToLowerInvariant()) switch
        {
            WordType => AttachmentKind.Word,
            "text/plain" => AttachmentKind.Text,
            "text/csv" => AttachmentKind.Csv,
            _ => AttachmentKind.Other,
        };
}
