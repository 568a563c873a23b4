using System.Globalization;
using System.Net;
using Pathfinder.Domain;
using Pathfinder.Functions.Tests.Infrastructure;

namespace Pathfinder.Functions.Tests.Workflow;

/// <summary>
/// Version 2's go-live notice on the real backend: announced now, going live in two days, with the notice's lead time
/// configured so that it falls due a minute after the test starts (it would be 14 days): time enough to submit,
/// approve and announce first.
/// </summary>
public sealed class GoLiveNoticeTests : IDisposable
{
    private readonly DateOnly _goLiveDate = UkTime.DateOf(DateTimeOffset.UtcNow).AddDays(2);
    private readonly DateTimeOffset _noticeDue = DateTimeOffset.UtcNow.AddSeconds(60);
    private readonly PathfinderApp _app;

    public GoLiveNoticeTests()
    {
        // The lead time that puts the notice a minute from now for a go-live two days away.
        _app = PathfinderApp.With(
            (
                "Programme:GoLiveNoticeLeadTime",
                (GoLive.StartsAt(_goLiveDate) - _noticeDue).ToString("c", CultureInfo.InvariantCulture)
            )
        );
    }

    public void Dispose() => _app.Dispose();

    [Fact]
    public async Task Announced_TheLeadGpIsToldWhatGoLiveMeans_OnceAndBeforeGoLive()
    {
        var id = await _app.Intake().SubmitAsync(Forms.Valid("Q35", "Fenland Notice Consortium"));
        var reviewer = _app.Reviewer("Q35");
        await reviewer.ApproveAsync(id);
        await reviewer.WaitForStatusAsync(id, "approved");
        using (var agreed = await reviewer.SetGoLiveAsync(id, Iso(_goLiveDate)))
        {
            Assert.Equal(HttpStatusCode.Accepted, agreed.StatusCode);
        }
        var now = DateTimeOffset.UtcNow;
        var wave = await _app.National().ScheduleWaveAsync(now.AddDays(7), now.AddDays(1));
        (await _app.National().AnnounceAsync(wave["number"]!.GetValue<int>())).Dispose();
        await reviewer.WaitForStatusAsync(id, "announced");
        Assert.True(
            DateTimeOffset.UtcNow < _noticeDue,
            "Announced after the notice was due: the test set too short a lead."
        );
        Assert.DoesNotContain(_app.About(id), m => m.Kind == "GoLiveNotice");

        var notice = await EventuallyAsync(
            () => _app.About(id).Where(m => m.Kind == "GoLiveNotice").ToList(),
            n => n.Count > 0
        );
        Assert.True(DateTimeOffset.UtcNow >= _noticeDue, "The notice came before it was due.");
        var mail = Assert.Single(notice);
        Assert.True(mail.IsTo(Mailbox.Applicant));
        Assert.Single(mail.To);
        Assert.Contains("What going live means", mail.Text, StringComparison.Ordinal);
        Assert.Contains("Who to contact", mail.Text, StringComparison.Ordinal);
        Assert.Contains(UkFormatDay(_goLiveDate), mail.Text, StringComparison.Ordinal);
        Assert.DoesNotContain("Live", _app.KindsAbout(id));

        // Go-live brought forward to today: the pathfinder goes live, and the notice is not sent again.
        using (var today = await reviewer.SetGoLiveAsync(id, Iso(UkTime.DateOf(DateTimeOffset.UtcNow))))
        {
            Assert.Equal(HttpStatusCode.Accepted, today.StatusCode);
        }
        await reviewer.WaitForStatusAsync(id, "live");
        await EventuallyAsync(() => _app.KindsAbout(id), k => k.Contains("Live"));
        Assert.Single(_app.About(id), m => m.Kind == "GoLiveNotice");
    }

    private static string Iso(DateOnly date) => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string UkFormatDay(DateOnly date) =>
        date.ToString("dddd d MMMM yyyy", CultureInfo.GetCultureInfo("en-GB"));

    private static async Task<T> EventuallyAsync<T>(Func<T> read, Func<T, bool> until)
    {
        var deadline = DateTimeOffset.UtcNow.AddSeconds(120);
        T value;
        while (!until(value = read()))
        {
            Assert.True(DateTimeOffset.UtcNow < deadline, "The expected state was not reached within 120 s.");
            await Task.Delay(200);
        }
        return value;
    }
}
