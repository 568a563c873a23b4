using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.Json.Serialization.Metadata;
using Pathfinder.Domain;

namespace Pathfinder.Functions.Hosting;

/// <summary>The app's JSON: camelCase, enums as camelCase strings, and a list size may be a number or text.</summary>
public static class ProgrammeJson
{
    public static JsonSerializerOptions Create()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            TypeInfoResolver = new DefaultJsonTypeInfoResolver { Modifiers = { AcceptNumericListSize } },
        };
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase));
        return options;
    }

    /// <summary>
    /// The form keeps list sizes as text so "abc" can be quoted back to the applicant; callers naturally
    /// send 8500 as a number, which must be read too.
    /// </summary>
    private static void AcceptNumericListSize(JsonTypeInfo type)
    {
        if (type.Type != typeof(PracticeForm))
        {
            return;
        }
        foreach (var property in type.Properties.Where(p => p.Name == "listSize"))
        {
            property.CustomConverter = new NumberAsTextConverter();
        }
    }

    private sealed class NumberAsTextConverter : JsonConverter<string?>
    {
        public override bool HandleNull => false;

        public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
            reader.TokenType switch
            {
                JsonTokenType.Number => reader.TryGetInt64(out var whole)
                    ? whole.ToString(CultureInfo.InvariantCulture)
                    : reader.GetDouble().ToString(CultureInfo.InvariantCulture),
                JsonTokenType.String => reader.GetString(),
                _ => throw new JsonException("expected a whole number"),
            };

        public override void Write(Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
            writer.WriteStringValue(value);
    }
}
