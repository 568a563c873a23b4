using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pathfinder.Durable;

/// <summary>Turns inputs, outputs, events and history into JSON text and back.</summary>
public sealed class DataConverter
{
    /// <summary>camelCase JSON with enums as strings: readable in storage and stable across renames of C# casing.</summary>
    public static DataConverter Default { get; } = new(new JsonSerializerOptions(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    });

    /// <summary>Creates a converter with the given options.</summary>
    public DataConverter(JsonSerializerOptions options) => Options = options;

    /// <summary>The serializer options in use.</summary>
    public JsonSerializerOptions Options { get; }

    /// <summary>Serializes a value; null stays null.</summary>
    public string? Serialize(object? value) =>
        value is null ? null : JsonSerializer.Serialize(value, value.GetType(), Options);

    /// <summary>Deserializes JSON text; null or empty text gives the type's default.</summary>
    public object? Deserialize(string? json, Type type) =>
        string.IsNullOrEmpty(json) ? (type.IsValueType ? Activator.CreateInstance(type) : null)
            : JsonSerializer.Deserialize(json, type, Options);

    /// <summary>Deserializes JSON text to <typeparamref name="T"/>.</summary>
    public T? Deserialize<T>(string? json) => (T?)Deserialize(json, typeof(T));

    internal string SerializeEvent(HistoryEvent historyEvent) =>
        JsonSerializer.Serialize(historyEvent, Options);

    internal HistoryEvent DeserializeEvent(string json) =>
        JsonSerializer.Deserialize<HistoryEvent>(json, Options)
        ?? throw new InvalidDataException("A history row holds no event.");
}
