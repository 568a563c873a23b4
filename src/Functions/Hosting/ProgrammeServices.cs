using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Demo;
using Pathfinder.Functions.Intake.Inbound;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Pages;
using Pathfinder.Functions.Partners;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Hosting;

/// <summary>
/// What every function needs, registered the same way under the Functions host (<c>Program.cs</c>) and in the local
/// host, so both run one set of functions with one set of services.
/// </summary>
public static class ProgrammeServices
{
    public static IServiceCollection AddProgramme(this IServiceCollection services, IConfiguration configuration)
    {
        var json = ProgrammeJson.Create();
        services.AddSingleton(json);
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(
            new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
        services.AddProblemDetails();
        // The Functions worker replays orchestrators with these options (the local host passes them to its shims).
        services.Configure<Microsoft.DurableTask.Worker.DurableTaskWorkerOptions>(OrchestrationVersions.Pin);

        services.AddOptions<ProgrammeOptions>().BindConfiguration(ProgrammeOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddStorage(configuration);
        services.AddEmailSending(configuration);
        services.AddProgrammeSecurity();
        services.AddEmailIntake(configuration);

        services.AddSingleton<ApplicationRepository>();
        services.AddSingleton<Submissions>();
        services.AddSingleton<WaveRepository>();
        services.AddSingleton<WaveCommands>();
        services.AddSingleton<Reports.ProgrammeReports>();
        services.AddSingleton<ApplicationIntake>();
        services.AddSingleton<ApplicationCommands>();
        services.AddSingleton(sp => new PartnerDirectory(sp.GetRequiredService<ProgrammeTables>().Service,
            sp.GetRequiredService<ProgrammeTables>().Name("Partners")));
        services.AddSingleton(sp => new Notifications.Outbox.Outbox(sp.GetRequiredService<ProgrammeTables>().Service,
            sp.GetRequiredService<IEmailSender>(), sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Notifications.Outbox.Outbox>>(), sp.GetRequiredService<ProgrammeTables>().Name("Outbox")));
        services.AddOptions<Notifications.Delivery.EventWebhookOptions>()
            .BindConfiguration(Notifications.Delivery.EventWebhookOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton(sp => new Notifications.Delivery.DeliveryTracking(
            sp.GetRequiredService<ProgrammeTables>().Service, sp.GetRequiredService<Notifications.Outbox.Outbox>(),
            sp.GetRequiredService<ILogger<Notifications.Delivery.DeliveryTracking>>(),
            sp.GetRequiredService<ProgrammeTables>().Name("Deliveries")));
        services.AddSingleton<Notifications.Delivery.NotificationResends>();
        services.AddSingleton<ReviewerCommands>();
        services.AddPages();
        services.AddSingleton<DemoProgramme>();
        services.AddHostedService<PartnerSeeding>();
        return services;
    }
}

/// <summary>Seeds the partner directory (SHAs, LMCs, national bodies) at start-up, never overwriting edits.</summary>
public sealed class PartnerSeeding(PartnerDirectory partners, EmailSendingMode mode, ILogger<PartnerSeeding> logger)
    : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await partners.SeedAsync(cancellationToken);
        logger.LogInformation("{EmailMode}", mode.Describe());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
