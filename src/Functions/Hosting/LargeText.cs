using System.Text;
using Azure.Data.Tables;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// Stores text of any size up to an entity's limit. A Table property holds at most 64 KiB (32K UTF-16
/// characters); longer text is split into 64 KiB binary parts <c>{name}0</c>, <c>{name}1</c>, ... with
/// the count in <c>{name}Parts</c>, and joined again on read.
/// </summary>
public static class LargeText
{
    /// <summary>Text longer than this (in characters) goes into binary parts.</summary>
    private const int MaxInlineChars = 32 * 1024 - 1;

    private const int PartBytes = 64 * 1024;

    /// <summary>An entity holds 1 MiB in all; leave room for the other properties and keys.</summary>
    public const int MaxBytes = 15 * PartBytes;

    /// <summary>Stores the value under the name, in binary parts when it is long.</summary>
    public static void Write(TableEntity entity, string name, string? value)
    {
        if (value is null)
        {
            return;
        }
        if (value.Length <= MaxInlineChars)
        {
            entity[name] = value;
            return;
        }
        var bytes = Encoding.UTF8.GetBytes(value);
        if (bytes.Length > MaxBytes)
        {
            throw new ArgumentException(
                $"'{name}' is {bytes.Length / 1024} KiB; one value may hold at most {MaxBytes / 1024} KiB in Table "
                    + "Storage. Keep large documents in Blob Storage and pass a reference."
            );
        }
        var parts = (bytes.Length + PartBytes - 1) / PartBytes;
        entity[name + "Parts"] = parts;
        for (var i = 0; i < parts; i++)
        {
            var offset = i * PartBytes;
            entity[name + i] = bytes.AsSpan(offset, Math.Min(PartBytes, bytes.Length - offset)).ToArray();
        }
    }

    /// <summary>Reads what Write stored; null when absent.</summary>
    public static string? Read(TableEntity entity, string name)
    {
        if (entity.TryGetValue(name, out var inline) && inline is string text)
        {
            return text;
        }
        if (entity.GetInt32(name + "Parts") is not { } parts)
        {
            return null;
        }
        using var buffer = new MemoryStream();
        for (var i = 0; i < parts; i++)
        {
            buffer.Write(
                entity.GetBinary(name + i)
                    ?? throw new InvalidDataException($"Part {i} of '{name}' is missing from row {entity.RowKey}.")
            );
        }
        return Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }

    /// <summary>An upper estimate of an entity's size on the wire, for keeping batches under 4 MiB.</summary>
    public static long EstimateSize(TableEntity entity) =>
        entity.Sum(p =>
            p.Key.Length * 2L
            + p.Value switch
            {
                string s => s.Length * 2L,
                byte[] b => b.Length * 4L / 3 + 4,
                _ => 16,
            }
        );
}
