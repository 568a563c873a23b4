using Pathfinder.Domain.Notifications;

namespace Pathfinder.Domain.Tests.Notifications;

public sealed class DeliveryRulesTests
{
    private static readonly DateTimeOffset T = new(2011, 1, 10, 9, 0, 0, TimeSpan.Zero);

    public static TheoryData<string, string?, DeliveryState?> SendGridEvents =>
        new()
        {
            { "processed", null, DeliveryState.Processed },
            { "deferred", null, DeliveryState.Deferred },
            { "delivered", null, DeliveryState.Delivered },
            { "bounce", "bounce", DeliveryState.Bounce },
            { "bounce", "blocked", DeliveryState.Blocked },
            { "dropped", null, DeliveryState.Dropped },
            { "spamreport", null, DeliveryState.SpamReport },
            { "open", null, null },
            { "click", null, null },
        };

    [Theory]
    [MemberData(nameof(SendGridEvents))]
    public void FromSendGrid_MapsDeliveryEventsAndIgnoresEngagement(
        string type,
        string? bounceType,
        DeliveryState? expected
    ) => Assert.Equal(expected, DeliveryRules.FromSendGrid(type, bounceType));

    [Fact]
    public void Latest_WhateverTheOrderTheReportsArrive_EndsInTheSameState()
    {
        DeliveryReport[] reports =
        [
            new(DeliveryState.Processed, T, null),
            new(DeliveryState.Deferred, T.AddMinutes(5), "451 try later"),
            new(DeliveryState.Deferred, T.AddMinutes(35), "451 try later again"),
            new(DeliveryState.Delivered, T.AddMinutes(65), null),
        ];

        var outcomes = Permutations(reports)
            .Select(order => order.Aggregate((DeliveryReport?)null, DeliveryRules.Latest))
            .ToList();

        Assert.All(outcomes, o => Assert.Equal(reports[3], o));
    }

    [Fact]
    public void Latest_ABounceAfterDelivered_IsTheBounce()
    {
        var delivered = new DeliveryReport(DeliveryState.Delivered, T, null);
        var bounced = new DeliveryReport(DeliveryState.Bounce, T.AddHours(1), "550 mailbox full for good");

        Assert.Equal(bounced, DeliveryRules.Latest(delivered, bounced));
        Assert.Equal(bounced, DeliveryRules.Latest(bounced, delivered));
    }

    [Fact]
    public void Latest_TheSameReportTwice_ChangesNothing()
    {
        var deferred = new DeliveryReport(DeliveryState.Deferred, T, "451");

        Assert.Equal(deferred, DeliveryRules.Latest(deferred, deferred with { }));
    }

    [Theory]
    [InlineData(DeliveryState.Bounce, true)]
    [InlineData(DeliveryState.Dropped, true)]
    [InlineData(DeliveryState.Blocked, true)]
    [InlineData(DeliveryState.SpamReport, true)]
    [InlineData(DeliveryState.Deferred, false)]
    [InlineData(DeliveryState.Delivered, false)]
    public void IsProblem_OnlyWhenTheMessageDidNotReachItsReader(DeliveryState state, bool problem) =>
        Assert.Equal(problem, DeliveryRules.IsProblem(state));

    [Fact]
    public void Worst_OfADigestWhereOneCopyBounced_IsTheBounce() =>
        Assert.Equal(
            DeliveryState.Bounce,
            DeliveryRules.Worst([DeliveryState.Delivered, DeliveryState.Bounce, DeliveryState.Deferred])
        );

    private static IEnumerable<DeliveryReport[]> Permutations(DeliveryReport[] items) =>
        items.Length <= 1
            ? [items]
            : items.SelectMany(
                (item, i) =>
                    Permutations([.. items.Take(i), .. items.Skip(i + 1)])
                        .Select(rest => (DeliveryReport[])[item, .. rest])
            );
}
