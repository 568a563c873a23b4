using System.Text.Json;
using System.Text.Json.Serialization;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// Reads and writes a closed hierarchy of records as the one flat object it was before it was typed: a
/// <c>Kind</c> and every case's fields side by side, null where a case has none. Names and enums follow the options
/// in use (camelCase with enums as text on the read model, PascalCase with enums as numbers in the Durable payloads),
/// and either naming is read, so rows, recorded histories and messages written before read unchanged.
/// </summary>
public abstract class FlatJsonConverter<T> : JsonConverter<T>
    where T : class
{
    /// <summary>The case the flat object describes.</summary>
    protected abstract T Read(JsonElement json, JsonSerializerOptions options);

    /// <summary>Every property of the flat shape, in its order, each case's value or null.</summary>
    protected abstract IEnumerable<(string Name, object? Value)> Properties(T value);

    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        using var document = JsonDocument.ParseValue(ref reader);
        return document.RootElement.ValueKind == JsonValueKind.Object
            ? Read(document.RootElement, options)
            : throw new JsonException($"A {typeof(T).Name} is written as a JSON object.");
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(value);
        ArgumentNullException.ThrowIfNull(options);
        writer.WriteStartObject();
        foreach (var (name, property) in Properties(value))
        {
            writer.WritePropertyName(options.PropertyNamingPolicy?.ConvertName(name) ?? name);
            JsonSerializer.Serialize(writer, property, property?.GetType() ?? typeof(object), options);
        }
        writer.WriteEndObject();
    }

    /// <summary>An enum written as a number (the Durable payloads) or by name in any case (the read model).</summary>
    protected static TEnum Kind<TEnum>(JsonElement json)
        where TEnum : struct, Enum =>
        Find(json, "Kind") switch
        {
            { ValueKind: JsonValueKind.Number } n
                when n.TryGetInt32(out var number) && Enum.IsDefined(typeof(TEnum), number) => (TEnum)
                Enum.ToObject(typeof(TEnum), number),
            { ValueKind: JsonValueKind.String } s
                when Enum.TryParse<TEnum>(s.GetString(), true, out var named) && Enum.IsDefined(named) => named,
            _ => throw new JsonException(
                $"This {typeof(T).Name} has no known 'Kind': one of {string.Join(", ", Enum.GetNames<TEnum>())}."
            ),
        };

    protected static TValue Required<TValue>(JsonElement json, string name, JsonSerializerOptions options) =>
        Find(json, name) is { ValueKind: not JsonValueKind.Null } value
            ? value.Deserialize<TValue>(options) ?? throw Missing(name)
            : throw Missing(name);

    /// <summary>The value, or null when absent (a case written before the field existed).</summary>
    protected static TValue? Optional<TValue>(JsonElement json, string name, JsonSerializerOptions options) =>
        Find(json, name) is { ValueKind: not JsonValueKind.Null } value ? value.Deserialize<TValue>(options) : default;

    private static JsonException Missing(string name) => new($"'{name}' is missing from this {typeof(T).Name}.");

    /// <summary>The property in either naming: camelCase or PascalCase.</summary>
    private static JsonElement? Find(JsonElement json, string name)
    {
        foreach (var property in json.EnumerateObject())
        {
            if (string.Equals(property.Name, name, StringComparison.OrdinalIgnoreCase))
            {
                return property.Value;
            }
        }
        return null;
    }
}
