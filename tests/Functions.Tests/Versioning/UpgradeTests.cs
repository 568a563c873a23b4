using System.Globalization;
using DurableTask.Core;
using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Domain;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Versioning;

/// <summary>
/// A deployment in the middle of the programme, on Azurite: applications start under version 1 and wait (under
/// review, approved for a wave, announced for go-live), the process stops, today's build (host.json's version) starts
/// on the same task hub beside them with new applications, and every one finishes once, with its own version's emails.
/// </summary>
public sealed class UpgradeTests
{
    private static readonly (string Key, string? Value)[] Periods =
    [
        // Seconds instead of weeks; the go-live notice lead is long, so only a date agreed far ahead would get it.
        ("Programme:ReviewPeriod", "00:00:30"),
        ("Programme:ReminderOffsets:0", "00:00:10"),
        ("Programme:ReminderOffsets:1", "00:00:20"),
    ];

    [Fact]
    public async Task InstancesOfVersion1_FinishUnderTodaysBuild_BesideVersion2_EachToldOnce()
    {
        using var before = PathfinderApp.With([
            .. Periods,
            ("AzureFunctionsJobHost:extensions:durableTask:defaultVersion", "1"),
        ]);
        var underReview = await before.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Upgrade Review"));
        var approved = await before.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Upgrade Approved"));
        var announced = await before.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Upgrade Announced"));
        var reviewer = before.Reviewer("Q35");
        await reviewer.ApproveAsync(announced);
        await AnnounceWaveAsync(before);
        await reviewer.WaitForStatusAsync(announced, "announced");
        await reviewer.ApproveAsync(approved);
        // A decision queued as the process stops: applied before or after, never lost or applied twice.
        (await reviewer.WithdrawAsync(underReview, "queued during the deployment")).Dispose();
        before.Stop();

        using var after = before.Restarted(Periods);
        var newcomer = await after.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Upgrade Newcomer"));
        reviewer = after.Reviewer("Q35");
        await reviewer.WaitForStatusAsync(underReview, "withdrawn");
        await AnnounceWaveAsync(after);
        await reviewer.WaitForStatusAsync(approved, "announced");
        var today = UkTime.DateOf(DateTimeOffset.UtcNow).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        foreach (var id in new[] { approved, announced })
        {
            (await reviewer.SetGoLiveAsync(id, today)).Dispose();
            await reviewer.WaitForStatusAsync(id, "live");
        }
        await reviewer.ApproveAsync(newcomer);
        (await reviewer.WithdrawAsync(newcomer, "merging")).Dispose();
        await reviewer.WaitForStatusAsync(newcomer, "withdrawn");

        var service = after.Services.GetRequiredService<IOrchestrationServiceClient>();
        foreach (var (id, version) in new[] { (underReview, "1"), (approved, "1"), (announced, "1"), (newcomer, "2") })
        {
            var deadline = DateTimeOffset.UtcNow.AddSeconds(60);
            OrchestrationState state;
            while (
                (state = await service.GetOrchestrationStateAsync(id, null)).OrchestrationStatus
                != OrchestrationStatus.Completed
            )
            {
                Assert.True(DateTimeOffset.UtcNow < deadline, $"{id} is stuck: {state.OrchestrationStatus}.");
                await Task.Delay(200);
            }
            Assert.Equal(version, state.Version);
            var toApplicant = after.About(id).Where(m => m.IsTo(Mailbox.Applicant)).Select(m => m.Kind).ToList();
            Assert.Equal(toApplicant.Distinct(), toApplicant);
            Assert.DoesNotContain("GoLiveNotice", toApplicant);
        }
        Assert.Equal(
            ["Acknowledgement", "Announced", "Approved", "Live"],
            after
                .About(approved)
                .Where(m => m.IsTo(Mailbox.Applicant))
                .Select(m => m.Kind)
                .Order(StringComparer.Ordinal)
        );
        Assert.Equal(
            ["Acknowledgement", "Withdrawn"],
            after
                .About(underReview)
                .Where(m => m.IsTo(Mailbox.Applicant))
                .Select(m => m.Kind)
                .Order(StringComparer.Ordinal)
        );
    }

    private static async Task AnnounceWaveAsync(PathfinderApp app)
    {
        var now = DateTimeOffset.UtcNow;
        var wave = await app.National().ScheduleWaveAsync(now.AddDays(7), now.AddDays(1));
        (await app.National().AnnounceAsync(wave["number"]!.GetValue<int>())).Dispose();
    }
}
