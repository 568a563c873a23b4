using System.Text.Json;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Templates;

namespace Pathfinder.Functions.Tests.Applications;

/// <summary>
/// The typed notifications travel to the activity in the flat shape <c>NotificationRequest</c> had before: a
/// message queued by an instance before the upgrade is read by the activity after it, as the notification it was.
/// </summary>
public sealed class ApplicationNotificationJsonTests
{
    // As the Durable worker serializes activity inputs: System.Text.Json's defaults.
    private static readonly JsonSerializerOptions Durable = new();

    private static readonly ApplicationFacts Facts = new(
        "Q35-0001",
        "Fenland Health Consortium",
        "Q35",
        "East of England",
        "Dr Jane Lead",
        "jane.lead@fenland.example.nhs.uk",
        9,
        120_000,
        new DateTimeOffset(2010, 11, 1, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2010, 11, 29, 9, 0, 0, TimeSpan.Zero),
        true
    );

    private static readonly DateTimeOffset Now = new(2010, 11, 22, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly April = new(2011, 4, 1);

    /// <summary>The record as it was, field for field, in its order: what queued messages hold.</summary>
    private sealed record OldRequest(NotificationKind Kind, ApplicationFacts Facts, int Step)
    {
        public IReadOnlyList<CriterionNotMet>? NotMet { get; init; }
        public string? Comments { get; init; }
        public string? Reason { get; init; }
        public int? Wave { get; init; }
        public DateOnly? GoLive { get; init; }
        public DateTimeOffset? Now { get; init; }
        public string? To { get; init; }
    }

    public static TheoryData<string> Kinds() => [.. Enum.GetNames<NotificationKind>()];

    [Theory]
    [MemberData(nameof(Kinds))]
    public void AMessageQueuedInTheOldShape_ReadsAsItsOwnType_AndWritesBackTheSameBytes(string name)
    {
        var kind = Enum.Parse<NotificationKind>(name);
        var old = Old(kind);
        var queued = JsonSerializer.Serialize(old, Durable);

        var read = JsonSerializer.Deserialize<ApplicationNotification>(queued, Durable)!;

        Assert.Equal(kind, read.Kind);
        Assert.Equal((Facts, 7), (read.Facts, read.Step));
        Assert.Equal(queued, JsonSerializer.Serialize(read, Durable));
    }

    [Fact]
    public void EachMessage_KeepsWhatItsKindSays()
    {
        var rejected = Read<ApplicationNotification.Rejected>(Old(NotificationKind.Rejected));
        Assert.Equal("Local Authority engagement", Assert.Single(rejected.NotMet).Criterion);
        Assert.Equal("Not yet", rejected.Comments);
        Assert.Equal(Now, Read<ApplicationNotification.ReviewReminder>(Old(NotificationKind.ReviewReminder)).Now);
        Assert.Equal(2, Read<ApplicationNotification.Announced>(Old(NotificationKind.Announced)).Wave);
        Assert.Equal(April, Read<ApplicationNotification.Live>(Old(NotificationKind.Live)).GoLive);
        Assert.Equal(
            "sender@fenland.example.nhs.uk",
            Read<ApplicationNotification.Acknowledgement>(Old(NotificationKind.Acknowledgement)).To
        );
        Assert.False(Read<ApplicationNotification.Escalation>(Old(NotificationKind.Escalation)).ToApplicant);
    }

    [Fact]
    public void AReminderQueuedWithoutItsTime_CountsFromReceipt_AsTheActivityDidThen()
    {
        var reminder = Read<ApplicationNotification.ReviewReminder>(
            new OldRequest(NotificationKind.ReviewReminder, Facts, 3)
        );

        Assert.Equal(Facts.ReceivedAt, reminder.Now);
    }

    private static T Read<T>(OldRequest old) =>
        Assert.IsType<T>(
            JsonSerializer.Deserialize<ApplicationNotification>(JsonSerializer.Serialize(old, Durable), Durable)
        );

    /// <summary>A request of each kind with the fields the orchestrator set for it.</summary>
    private static OldRequest Old(NotificationKind kind) =>
        new OldRequest(kind, Facts, 7) with
        {
            NotMet = kind == NotificationKind.Rejected ? [new("Local Authority engagement", "No contact yet")] : null,
            Comments = kind == NotificationKind.Rejected ? "Not yet" : null,
            Reason = kind == NotificationKind.Withdrawn ? "Merging" : null,
            Wave = kind == NotificationKind.Announced ? 2 : null,
            GoLive = kind is NotificationKind.Announced or NotificationKind.Live or NotificationKind.GoLiveNotice
                ? April
                : null,
            Now = kind is NotificationKind.ReviewReminder or NotificationKind.GoLiveNotice ? Now : null,
            To = kind == NotificationKind.Acknowledgement ? "sender@fenland.example.nhs.uk" : null,
        };
}
