using System.Text.Json;
using Pathfinder.Domain;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Hosting;

namespace Pathfinder.Functions.Tests.Applications;

/// <summary>
/// The typed commands keep the one flat shape commands always had, in both places they are stored: the Durable
/// payloads (PascalCase, the kind a number; these are results recorded in version 2's histories) and the read
/// model's queue (camelCase, the kind as text). Instances in flight and rows written before read unchanged.
/// </summary>
public sealed class ApplicationCommandJsonTests
{
    // As the Durable worker serializes activity results: System.Text.Json's defaults.
    private static readonly JsonSerializerOptions Durable = new();

    private static readonly string RecordedDecision = Json(
        "{'Status':1,'GoLive':null,'Applied':[{'Id':'6b8de3dc87ce49adbdb1b641e5c23c8e','Kind':0,"
            + "'By':'Dr Ann Reviewer','At':'2026-12-04T23:11:12.5469584+00:00','Decision':{"
            + "'Id':'6b8de3dc87ce49adbdb1b641e5c23c8e','Outcome':0,'Criteria':{'GpLeadership':{'Demonstrated':true,"
            + "'Note':'clear'},'LocalAuthorityEngagement':{'Demonstrated':true,'Note':'good'},'QippContribution':{"
            + "'Demonstrated':true,'Note':'good'}},'Comments':null,'Reviewer':'Dr Ann Reviewer',"
            + "'DecidedAt':'2026-12-04T23:11:12.5469584+00:00'},'Reason':null,'GoLive':null}]}"
    );

    private static readonly string RecordedGoLive = Json(
        "{'Status':4,'GoLive':'2026-12-04','Applied':[{'Id':'22e6dec6c59741fcb18cf5ecbd6d8693','Kind':2,"
            + "'By':'Dr Ann Reviewer','At':'2026-12-04T23:11:19.3517863+00:00','Decision':null,'Reason':null,"
            + "'GoLive':'2026-12-04'}]}"
    );

    [Fact]
    public void AResultRecordedInAVersion2History_ReadsAsTypedCommands_AndWritesBackTheSameBytes()
    {
        foreach (var recorded in new[] { RecordedDecision, RecordedGoLive })
        {
            var applied = JsonSerializer.Deserialize<CommandsApplied>(recorded, Durable)!;

            Assert.Equal(recorded, JsonSerializer.Serialize(applied, Durable));
        }
        var decision = Assert.IsType<DecisionRecorded>(
            Assert.Single(JsonSerializer.Deserialize<CommandsApplied>(RecordedDecision, Durable)!.Applied)
        );
        Assert.Equal(ReviewOutcome.Approved, decision.Decision.Outcome);
        Assert.Equal(ApplicationStatus.Approved, decision.TargetStatus);
        var goLive = Assert.IsType<GoLiveAgreed>(
            Assert.Single(JsonSerializer.Deserialize<CommandsApplied>(RecordedGoLive, Durable)!.Applied)
        );
        Assert.Equal(new DateOnly(2026, 12, 4), goLive.GoLive);
    }

    [Fact]
    public void AQueuedWithdrawal_OnTheReadModel_KeepsItsCamelCaseShape_AndReadsBack()
    {
        var json = ProgrammeJson.Create();
        var at = new DateTimeOffset(2010, 11, 2, 9, 30, 0, TimeSpan.Zero);
        ApplicationCommand withdrawal = new WithdrawalRequested("c1", "Dr Ann Reviewer", at, "merging");

        var written = JsonSerializer.Serialize(withdrawal, json);

        Assert.Equal(
            Json(
                "{'id':'c1','kind':'withdrawal','by':'Dr Ann Reviewer','at':'2010-11-02T09:30:00+00:00',"
                    + "'decision':null,'reason':'merging','goLive':null}"
            ),
            written
        );
        Assert.Equal(withdrawal, JsonSerializer.Deserialize<ApplicationCommand>(written, json));
    }

    [Theory]
    [InlineData("{'id':'c1','kind':'decision','by':'x','at':'2010-11-02T09:30:00+00:00'}", "decision")]
    [InlineData("{'id':'c1','kind':'promotion','by':'x','at':'2010-11-02T09:30:00+00:00'}", "Kind")]
    [InlineData("{'id':'c1','kind':'goLiveAgreed','at':'2010-11-02T09:30:00+00:00','goLive':'2011-04-01'}", "by")]
    public void ACommandMissingWhatItsKindNeeds_IsAJsonErrorNamingIt(string stored, string named)
    {
        var error = Assert.Throws<JsonException>(() =>
            JsonSerializer.Deserialize<ApplicationCommand>(Json(stored), ProgrammeJson.Create())
        );

        Assert.Contains(named, error.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>JSON written with single quotes, to keep it readable in C#.</summary>
    private static string Json(string singleQuoted) => singleQuoted.Replace('\'', '"');
}
