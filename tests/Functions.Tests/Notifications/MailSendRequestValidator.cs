using System.Text.Json;
using System.Text.Json.Nodes;
using NJsonSchema;

namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>
/// Checks a Mail Send body the way SendGrid does: against the published JSON schema, plus the documented
/// limits the schema cannot express (among them: no ',' or ';' in a name).
/// </summary>
public sealed class MailSendRequestValidator
{
    private const int MaxPersonalizations = 1000;
    private const int MaxRecipients = 1000;

    private static readonly string[] RecipientLists = ["to", "cc", "bcc"];

    private static readonly string SchemaPath = Path.Combine(
        AppContext.BaseDirectory,
        "Notifications",
        "Specs",
        "sendgrid-mail-send.schema.json"
    );

    // Parsed once per test run: every fake server checks against the same published schema.
    private static readonly Lazy<Task<MailSendRequestValidator>> Shared = new(async () =>
        new MailSendRequestValidator(await JsonSchema.FromFileAsync(SchemaPath))
    );

    private readonly JsonSchema _schema;

    private MailSendRequestValidator(JsonSchema schema) => _schema = schema;

    public static Task<MailSendRequestValidator> LoadAsync() => Shared.Value;

    public IReadOnlyList<SendGridError> Validate(string body)
    {
        JsonNode? root;
        try
        {
            root = JsonNode.Parse(body);
        }
        catch (JsonException ex)
        {
            return [new SendGridError($"The request body is not valid JSON: {ex.Message}", null)];
        }

        var errors = _schema
            .Validate(body)
            .Select(e => new SendGridError($"{e.Kind} at {e.Path}", e.Property ?? e.Path))
            .ToList();
        if (root is JsonObject request)
        {
            errors.AddRange(PersonalizationLimits(request));
            errors.AddRange(ContentOrder(request));
            errors.AddRange(NameSeparators(request));
        }

        return errors;
    }

    private static IEnumerable<SendGridError> PersonalizationLimits(JsonObject request)
    {
        if (request["personalizations"] is not JsonArray personalizations || personalizations.Count == 0)
        {
            yield return new SendGridError("You must have at least one personalization.", "personalizations");
            yield break;
        }

        if (personalizations.Count > MaxPersonalizations)
        {
            yield return new SendGridError(
                $"The personalization block is limited to {MaxPersonalizations} personalizations per API request. "
                    + $"You have provided {personalizations.Count} personalizations.",
                "personalizations"
            );
        }

        var total = 0;
        for (var i = 0; i < personalizations.Count; i++)
        {
            var addresses = RecipientLists
                .SelectMany(list => personalizations[i]?[list] as JsonArray ?? [])
                .Select(r => r?["email"]?.GetValue<string>())
                .OfType<string>()
                .ToList();
            total += addresses.Count;
            if (addresses.Count != addresses.Distinct(StringComparer.OrdinalIgnoreCase).Count())
            {
                yield return new SendGridError(
                    "Each unique email address in the personalizations array should only be included once. "
                        + "You have included email address more than once.",
                    $"personalizations.{i}"
                );
            }
        }

        if (total > MaxRecipients)
        {
            yield return new SendGridError(
                $"There is a limit of {MaxRecipients} total recipients (to + cc + bcc) per request.",
                "personalizations"
            );
        }
    }

    // SendGrid reads ',' and ';' in a name as separators between addresses and refuses the request.
    private static IEnumerable<SendGridError> NameSeparators(JsonObject request)
    {
        var named = new List<(string Role, string Field, JsonNode? Address)>
        {
            ("from", "from", request["from"]),
            ("reply_to", "reply_to", request["reply_to"]),
        };
        named.AddRange(
            (request["reply_to_list"] as JsonArray ?? []).Select(
                (address, i) => ("reply_to", $"reply_to_list.{i}", address)
            )
        );
        var personalizations = request["personalizations"] as JsonArray ?? [];
        for (var i = 0; i < personalizations.Count; i++)
        {
            foreach (var list in RecipientLists)
            {
                named.AddRange(
                    (personalizations[i]?[list] as JsonArray ?? []).Select(
                        (address, j) => (list, $"personalizations.{i}.{list}.{j}", address)
                    )
                );
            }
        }

        return named
            .Where(n =>
                n.Address?["name"] is JsonValue name
                && name.TryGetValue<string>(out var text)
                && text.IndexOfAny([',', ';']) >= 0
            )
            .Select(n => new SendGridError($"The {n.Role} name cannot contain ';' or ','.", $"{n.Field}.name"));
    }

    private static IEnumerable<SendGridError> ContentOrder(JsonObject request)
    {
        var types = (request["content"] as JsonArray ?? []).Select(c => c?["type"]?.GetValue<string>()).ToList();
        var text = types.IndexOf("text/plain");
        var html = types.IndexOf("text/html");

        // SendGrid: if present, text/plain comes first and text/html right after it, before any other type.
        var textInPlace = text is -1 or 0;
        var htmlInPlace = html == -1 || html == (text == -1 ? 0 : 1);
        if (!textInPlace || !htmlInPlace)
        {
            yield return new SendGridError(
                "If present, text/plain and text/html may only be provided in order at the beginning of the content "
                    + "array: text/plain first, then text/html.",
                "content"
            );
        }
    }
}
