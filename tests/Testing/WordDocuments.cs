using System.IO.Compression;
using System.Security;

namespace Pathfinder.Testing;

/// <summary>Edits a .docx as a person retyping a word would: the text changes, the document stays valid.</summary>
public static class WordDocuments
{
    public static byte[] ReplaceText(byte[] docx, string from, string to)
    {
        using var output = new MemoryStream();
        output.Write(docx);
        using (var zip = new ZipArchive(output, ZipArchiveMode.Update, leaveOpen: true))
        {
            var entry = zip.GetEntry("word/document.xml") ?? throw new InvalidDataException("Not a Word document.");
            string xml;
            using (var reader = new StreamReader(entry.Open()))
            {
                xml = reader.ReadToEnd();
            }
            entry.Delete();
            using var writer = new StreamWriter(zip.CreateEntry("word/document.xml").Open());
            writer.Write(
                xml.Replace(SecurityElement.Escape(from), SecurityElement.Escape(to), StringComparison.Ordinal)
            );
        }
        return output.ToArray();
    }
}
