using Pathfinder.Functions.Intake.Inbound;
using Pathfinder.Functions.Notifications.Templates;
using Pathfinder.Testing;

namespace Pathfinder.Functions.Tests.Notifications.Templates;

/// <summary>
/// Every email the programme writes, rendered from fixed inputs and compared with its approved copy in
/// <c>Approved/</c>: the subject and text part in <c>{name}.txt</c>, the HTML part in <c>{name}.html</c>. Any change
/// to what people receive shows as a diff of those files, so each one is deliberate. To approve a change, run the
/// tests with <c>PATHFINDER_APPROVE_EMAILS=1</c> and review the diff before committing.
/// </summary>
public sealed class EmailApprovalTests
{
    // Received at 09:00 UTC in October (10:00 BST); due at 10:00 UTC in November (10:00 GMT).
    private static readonly ApplicationFacts Facts = new(
        "Q35-0001",
        "Fenland Health Partnership",
        "Q35",
        "East of England",
        "Dr Asha Patel",
        "asha.patel@d81001.nhs.uk",
        12,
        123456,
        new DateTimeOffset(2010, 10, 26, 9, 0, 0, TimeSpan.Zero),
        new DateTimeOffset(2010, 11, 23, 10, 0, 0, TimeSpan.Zero),
        ResearchOptIn: true
    );

    private static readonly Uri StatusLink = new(
        "https://pathfinders.example.nhs.uk/status/Q35-0001?expires=1290506400&signature=abc_-"
    );
    private static readonly Uri ReviewLink = new("https://pathfinders.example.nhs.uk/review/Q35-0001");
    private static readonly DateOnly GoLive = new(2011, 4, 1);

    private static readonly InboundEmailRecord Email = new(
        "20101026-abc",
        new DateTimeOffset(2010, 10, 26, 9, 0, 0, TimeSpan.Zero),
        "inbound",
        "20101026/abc",
        [],
        "<1@example.nhs.uk>",
        "Dr Asha Patel <asha.patel@d81001.nhs.uk>",
        null,
        "pathfinders@q35.example.nhs.uk",
        ["pathfinders@q35.example.nhs.uk"],
        "Expression of interest: Fenland",
        "form",
        false,
        new SenderChecks("pass", ["@d81001.nhs.uk : pass"], 0.1),
        []
    );

    private static readonly Dictionary<string, Func<RenderedEmail>> Emails = new(StringComparer.Ordinal)
    {
        ["acknowledgement"] = () => NotificationTemplates.Acknowledgement(Facts, StatusLink),
        ["new-application"] = () => NotificationTemplates.NewApplication(Facts, ReviewLink),
        ["review-reminder"] = () =>
            NotificationTemplates.ReviewReminder(Facts, Facts.ReceivedAt.AddDays(14), ReviewLink),
        ["escalation"] = () => NotificationTemplates.Escalation(Facts, ReviewLink),
        ["approved"] = () => NotificationTemplates.Approved(Facts),
        ["rejected"] = () =>
            NotificationTemplates.Rejected(
                Facts,
                [
                    new("Local Authority engagement", "No letter from the county council."),
                    new("contribution to the local QIPP agenda", "The plan names no savings."),
                ],
                "Please apply again when the council has written."
            ),
        ["rejected-without-comments"] = () =>
            NotificationTemplates.Rejected(
                Facts,
                [new("GP leadership and support", "Two of the five practices have not signed.")],
                null
            ),
        ["withdrawn"] = () => NotificationTemplates.Withdrawn(Facts, "The practices will apply next year."),
        ["withdrawn-without-reason"] = () => NotificationTemplates.Withdrawn(Facts, null),
        ["announced"] = () => NotificationTemplates.Announced(Facts, 2, GoLive),
        ["wave-digest"] = () =>
            NotificationTemplates.WaveDigest(
                "Cambridgeshire LMC",
                2,
                Facts.ReceivedAt.AddDays(30),
                [
                    new(
                        Facts.Reference,
                        Facts.ConsortiumName,
                        Facts.ShaName,
                        Facts.RegisteredPopulation,
                        ["Urgent care", "Organisational development"],
                        GoLive
                    ),
                    new("Q35-0002", "Peterborough Commissioning Group", Facts.ShaName, 98_000, [], GoLive.AddMonths(2)),
                ]
            ),
        ["live"] = () => NotificationTemplates.Live(Facts, GoLive),
        ["live-to-reviewers"] = () => NotificationTemplates.Live(Facts, GoLive, ReviewLink),
        ["go-live-notice"] = () =>
            NotificationTemplates.GoLiveNotice(
                Facts,
                GoLive,
                new DateTimeOffset(2011, 3, 18, 9, 0, 0, TimeSpan.Zero),
                [
                    ("East of England pathfinder team", "pathfinders@q35.example.nhs.uk"),
                    ("Cambridgeshire LMC", "secretary@lmc.example.org"),
                ]
            ),
        ["partner-test-message"] = () =>
            PartnerTemplates.TestMessage(
                "Cambridgeshire LMC",
                "Local Medical Committee, East of England",
                "each wave's digest of the new pathfinders in East of England",
                "National Team",
                new DateTimeOffset(2010, 11, 1, 9, 0, 0, TimeSpan.Zero)
            ),
        ["inbound-problems"] = () =>
            InboundReplies.Problems(
                Email,
                ["Practice code D8100X is not a practice code: it is a letter and five digits, such as D81001."],
                ["The attachment notes.pdf was not opened: only .docx, .txt and .csv are read."],
                "https://pathfinders.example.nhs.uk",
                "pathfinders@q35.example.nhs.uk"
            ),
        ["inbound-already-under-review"] = () =>
            InboundReplies.AlreadyUnderReview(
                Email,
                Facts.ConsortiumName,
                Facts.Reference,
                Facts.ReviewDeadline,
                Facts.ShaName
            ),
    };

    public static TheoryData<string> Names() => [.. Emails.Keys];

    [Theory]
    [MemberData(nameof(Names))]
    public void Email_IsAsApproved(string name)
    {
        var email = Emails[name]();

        var failures = new[]
        {
            Compare($"{name}.txt", $"Subject: {email.Subject}\n\n{email.TextBody}"),
            Compare($"{name}.html", email.HtmlBody),
        }
            .OfType<string>()
            .ToList();

        Assert.True(failures.Count == 0, string.Join("\n", failures));
    }

    /// <summary>Every approved file belongs to an email still written: a removed email takes its files with
    /// it.</summary>
    [Fact]
    public void EveryApprovedFile_IsAnEmailStillWritten()
    {
        var stale = Directory
            .GetFiles(Folder)
            .Select(Path.GetFileNameWithoutExtension)
            .Where(n => !n!.EndsWith(".received", StringComparison.Ordinal) && !Emails.ContainsKey(n))
            .ToList();

        Assert.Empty(stale);
    }

    private static string Folder =>
        Path.Combine(RepositoryRoot.Find(), "tests", "Functions.Tests", "Notifications", "Templates", "Approved");

    /// <summary>Null when <paramref name="actual"/> is the approved text; otherwise writes it beside as
    /// .received.</summary>
    private static string? Compare(string file, string actual)
    {
        var approved = Path.Combine(Folder, file);
        var received = Path.ChangeExtension(approved, ".received" + Path.GetExtension(file));
        if (Environment.GetEnvironmentVariable("PATHFINDER_APPROVE_EMAILS") == "1")
        {
            Directory.CreateDirectory(Folder);
            File.WriteAllText(approved, actual);
        }
        if (File.Exists(approved) && File.ReadAllText(approved).ReplaceLineEndings("\n") == actual)
        {
            File.Delete(received);
            return null;
        }
        Directory.CreateDirectory(Folder);
        File.WriteAllText(received, actual);
        return File.Exists(approved)
            ? $"{file} differs from its approved copy: compare it with {received}, and if the change is meant, "
                + $"approve it."
            : $"{file} has no approved copy: review {received} and approve it.";
    }
}
