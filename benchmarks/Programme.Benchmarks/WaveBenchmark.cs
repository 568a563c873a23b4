using System.Diagnostics;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Pathfinder.Domain;
using Pathfinder.Durable;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Demo;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Waves;
using Pathfinder.Testing;

namespace Pathfinder.Programme.Benchmarks;

/// <summary>
/// Submits and approves N applications (not timed), schedules a wave, then times announcing it: until
/// every application shows announced and every partner's digest is in the outbox.
/// </summary>
internal static class WaveBenchmark
{
    public static async Task<int> Main(string[] args)
    {
        var count = args.Length > 0 ? int.Parse(args[0], System.Globalization.CultureInfo.InvariantCulture) : 300;
        var mail = Path.Combine(Path.GetTempPath(), "pathfinder-bench-mail-" + Guid.NewGuid().ToString("N"));
        var prefix = Azurite.UniqueName("B");
        // The factory looks for the app's folder by project name; tell it where the app lives here.
        Environment.SetEnvironmentVariable("ASPNETCORE_TEST_CONTENTROOT_PATHFINDER_FUNCTIONS",
            Path.Combine(RepositoryRoot.Find(), "src", "Functions"));
        await using var app = new WebApplicationFactory<Program>().WithWebHostBuilder(builder =>
        {
            builder.UseSetting("AzureWebJobsStorage", Azurite.Shared.ConnectionString);
            builder.UseSetting("Storage:TablePrefix", prefix);
            builder.UseSetting("Durable:TaskHub", prefix + "Hub");
            builder.UseSetting("Intake:Key", "benchmark-intake-key-0123456789");
            builder.UseSetting("Notifications:PickupDirectory", mail);
            builder.ConfigureServices(s => s.RemoveAll<IHostedService>());
        });
        var services = app.Services;
        var intake = services.GetRequiredService<ApplicationIntake>();
        var client = services.GetRequiredService<DurableTaskClient>();
        var applications = services.GetRequiredService<ApplicationRepository>();
        var waves = services.GetRequiredService<WaveRepository>();
        var outbox = services.GetRequiredService<Outbox>();

        Console.WriteLine($"Wave benchmark: {count} approved applications announced in one wave, on Azurite");
        var setup = Stopwatch.StartNew();
        var references = new string[count];
        await Parallel.ForEachAsync(Enumerable.Range(0, count), new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, token) =>
        {
            var form = DemoProgramme.Form($"Bench {i:D3}", ShaCode.All[i % 10], i) with
            {
                Practices = [new PracticeForm { Code = $"B{i:D5}", Name = $"Practice {i}", ListSize = "7000" }],
            };
            references[i] = (await intake.SubmitAsync(form, "api", token)).Value!.Id;
            await client.RaiseEventAsync(references[i], ApplicationCommand.EventName, DemoProgramme.Decision(ReviewOutcome.Approved, DateTimeOffset.UtcNow), token);
        });
        var now = DateTimeOffset.UtcNow;
        await waves.AddAsync(new WaveRecord(1, now.AddDays(7), now.AddDays(1)), default);
        await client.ScheduleNewOrchestrationInstanceAsync(nameof(WaveOrchestrator), new WaveSchedule(1, now.AddDays(7)),
            new StartOrchestrationOptions(WaveOrchestrator.InstanceId(1)));
        Console.WriteLine($"set-up (submit and approve {count}): {setup.Elapsed.TotalSeconds:F1} s");

        var watch = Stopwatch.StartNew();
        await client.RaiseEventAsync(WaveOrchestrator.InstanceId(1), WaveOrchestrator.AnnounceNowEvent, "now");
        int announced, digests;
        while (true)
        {
            announced = (await applications.ListAsync(null, ApplicationStatus.Announced, default)).Count;
            digests = (await outbox.ListAsync(null, 10_000, default)).Count(e => e.Categories.Contains("WaveDigest"));
            if ((announced == count && digests >= 25) || watch.Elapsed > TimeSpan.FromMinutes(5))
            {
                break;
            }
            await Task.Delay(100);
        }
        watch.Stop();
        Console.WriteLine($"announcing the wave: {watch.Elapsed.TotalSeconds:F1} s until {announced} of {count} applications show announced " +
                          $"and {digests} digests are in the outbox ({count / watch.Elapsed.TotalSeconds:F0} pathfinders/s)");
        Directory.Delete(mail, recursive: true);
        return announced == count ? 0 : 1;
    }
}
