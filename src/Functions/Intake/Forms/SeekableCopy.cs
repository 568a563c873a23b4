namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// A .docx is a zip, read by seeking. A stream that cannot seek is copied to a temporary file, never to memory,
/// so a large attachment costs disk for a moment, not the app's memory.
/// </summary>
internal static class SeekableCopy
{
    public static Stream Of(Stream stream)
    {
        if (stream.CanSeek)
        {
            return stream;
        }
        using (stream)
        {
            var copy = new FileStream(
                Path.GetTempFileName(),
                FileMode.Create,
                FileAccess.ReadWrite,
                FileShare.None,
                81920,
                FileOptions.DeleteOnClose
            );
            stream.CopyTo(copy);
            copy.Position = 0;
            return copy;
        }
    }
}
