using System.Text.Json;
using SendGrid;

namespace Pathfinder.Functions.Notifications;

/// <summary>Reads SendGrid's error body, {"errors":[{"message":..., "field":...}]}, into one readable line.</summary>
internal static class SendGridErrorBody
{
    private const int MaxRawLength = 500;

    public static async Task<string> DescribeAsync(Response response, int attempts, CancellationToken ct)
    {
        var body = response.Body is { } content ? await content.ReadAsStringAsync(ct) : string.Empty;
        var status = $"{(int)response.StatusCode} {response.StatusCode}";
        var tries = attempts > 1 ? $" after {attempts} attempts" : string.Empty;
        var details = Messages(body);
        return details.Count > 0
            ? $"SendGrid answered {status}{tries}: {string.Join("; ", details)}"
            : $"SendGrid answered {status}{tries}.";
    }

    private static List<string> Messages(string body)
    {
        if (string.IsNullOrWhiteSpace(body))
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            if (
                !document.RootElement.TryGetProperty("errors", out var errors)
                || errors.ValueKind != JsonValueKind.Array
            )
            {
                return [Truncate(body)];
            }

            return errors
                .EnumerateArray()
                .Select(e => (Message: Text(e, "message"), Field: Text(e, "field")))
                .Where(e => e.Message is not null)
                .Select(e => e.Field is null ? e.Message! : $"{e.Message} (field: {e.Field})")
                .ToList();
        }
        catch (JsonException)
        {
            // A proxy in front of SendGrid may answer with HTML; a little of it still helps whoever reads the log.
            return [Truncate(body)];
        }
    }

    private static string? Text(JsonElement error, string name) =>
        error.ValueKind == JsonValueKind.Object
        && error.TryGetProperty(name, out var value)
        && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static string Truncate(string text) => text.Length <= MaxRawLength ? text : text[..MaxRawLength] + "...";
}
