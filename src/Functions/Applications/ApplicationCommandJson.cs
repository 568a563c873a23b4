using System.Text.Json;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Applications;

/// <summary>
/// An <see cref="ApplicationCommand"/> in the flat shape commands always had: <c>Id</c>, <c>Kind</c>, <c>By</c>,
/// <c>At</c>, then <c>Decision</c>, <c>Reason</c> and <c>GoLive</c>, null where the kind has none.
/// </summary>
public sealed class ApplicationCommandJson : FlatJsonConverter<ApplicationCommand>
{
    protected override ApplicationCommand Read(JsonElement json, JsonSerializerOptions options)
    {
        var id = Required<string>(json, "Id", options);
        var by = Required<string>(json, "By", options);
        var at = Required<DateTimeOffset>(json, "At", options);
        return Kind<ApplicationCommandKind>(json) switch
        {
            ApplicationCommandKind.Decision => new DecisionRecorded(
                id,
                by,
                at,
                Required<DecisionRecord>(json, "Decision", options)
            ),
            ApplicationCommandKind.Withdrawal => new WithdrawalRequested(
                id,
                by,
                at,
                Optional<string>(json, "Reason", options)
            ),
            ApplicationCommandKind.GoLiveAgreed => new GoLiveAgreed(
                id,
                by,
                at,
                Required<DateOnly>(json, "GoLive", options)
            ),
            var kind => throw new JsonException($"{kind} is not a reviewer's command."),
        };
    }

    protected override IEnumerable<(string Name, object? Value)> Properties(ApplicationCommand value) =>
        [
            ("Id", value.Id),
            ("Kind", value.Kind),
            ("By", value.By),
            ("At", value.At),
            ("Decision", (value as DecisionRecorded)?.Decision),
            ("Reason", (value as WithdrawalRequested)?.Reason),
            ("GoLive", (value as GoLiveAgreed)?.GoLive),
        ];
}
