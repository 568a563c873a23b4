namespace Pathfinder.Durable.Storage;

/// <summary>Instance ids become Table Storage partition keys, so they obey its rules.</summary>
public static class InstanceIds
{
    /// <summary>Throws when an id cannot be stored as a partition key.</summary>
    public static void Validate(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > 256 || instanceId.Any(c => c is '/' or '\\' or '#' or '?' || char.IsControl(c)))
        {
            throw new ArgumentException(
                "An instance id has at most 256 characters and none of / \\ # ? or control characters.",
                nameof(instanceId));
        }
    }
}

/// <summary>Message ids sort in the order messages were sent (time, then this process's sequence).</summary>
internal static class MessageIds
{
    public static string Next(DateTimeOffset sentAt, long sequence) =>
        $"m{sentAt.UtcTicks:D19}-{sequence:D12}-{Guid.NewGuid():N}"[..52];
}
