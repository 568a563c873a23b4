namespace Pathfinder.Functions.Intake.Forms;

/// <summary>
/// The readers' own limits, where the Domain's <see cref="Pathfinder.Domain.FormLimits"/> has none. Answers past a
/// limit are cut with a note, so a pasted document or a runaway email cannot fill memory or a reviewer's screen.
/// </summary>
public static class FormReadLimits
{
    /// <summary>An SHA code is three characters; anything much longer is not a code, but is quoted back as
    /// typed.</summary>
    public const int ShaCodeLength = 20;

    /// <summary>"1,000,000" is nine characters; a longer list size is a mistake, quoted back as typed but
    /// cut.</summary>
    public const int ListSizeLength = 20;

    /// <summary>"01/04/2011" or "1 April 2011" fit with room to spare.</summary>
    public const int GoLiveLength = 40;

    /// <summary>One support need; the longest the Domain knows is under 50 characters.</summary>
    public const int SupportNeedLength = 200;

    /// <summary>The text of one list answer (PCT names, support needs, areas of work) before it is split.</summary>
    public const int ListAnswerLength = 50_000;

    /// <summary>
    /// The most of one line of a text form, or of one .csv field, that is kept: one past the longest answer, so a
    /// longer one is still known to be cut. A 25 MB attachment on one line must not become a 25-million-character
    /// string.
    /// </summary>
    public const int LineLength = ListAnswerLength + 1;

    /// <summary>Ten times the Domain's limit: enough for the Domain to say "too many", never a million rows.</summary>
    public const int PracticesRead = 5_000;

    /// <summary>The Word document's main text (about 2,500 pages); a bigger one is a compression bomb, not a
    /// form.</summary>
    public const long WordDocumentCharacters = 10_000_000;

    /// <summary>
    /// The Word document's elements (paragraphs, cells, runs...). A form with <see cref="PracticesRead"/> practice
    /// rows has about 100,000; ten million characters of empty paragraphs would be over a million, held in memory at
    /// once, so the document is counted as it streams past before it is loaded.
    /// </summary>
    public const int WordDocumentElements = 200_000;
}
