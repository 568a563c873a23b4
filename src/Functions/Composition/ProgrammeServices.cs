using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Demo;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Intake.Inbound;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Pages;
using Pathfinder.Functions.Partners;
using Pathfinder.Functions.Waves;

namespace Pathfinder.Functions.Composition;

/// <summary>
/// What every function needs, registered the same way under the Functions host (<c>Program.cs</c>) and in the local
/// host, so both run one set of functions with one set of services. Its own folder: it knows every feature folder,
/// and no feature folder knows it, so the shared toolkit (Hosting) depends on no feature.
/// </summary>
public static class ProgrammeServices
{
    public static IServiceCollection AddProgramme(this IServiceCollection services, IConfiguration configuration)
    {
        var json = ProgrammeJson.Create();
        services.AddSingleton(json);
        services.TryAddSingleton(TimeProvider.System);
        services.ConfigureHttpJsonOptions(o =>
            o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase))
        );
        services.AddProblemDetails();
        // The Functions worker replays orchestrators with these options (the local host passes them to its shims).
        services.Configure<Microsoft.DurableTask.Worker.DurableTaskWorkerOptions>(OrchestrationVersions.Pin);

        services
            .AddOptions<ProgrammeOptions>()
            .BindConfiguration(ProgrammeOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddStorage(configuration);
        services.AddEmailSending(configuration);
        services.AddProgrammeSecurity();
        services.AddEmailIntake(configuration);

        services.AddSingleton<ApplicationRepository>();
        services.AddSingleton<IApplicationTimeline, ApplicationTimeline>();
        services.AddSingleton<Submissions>();
        services.AddSingleton<WaveRepository>();
        services.AddSingleton<IAnnouncedWaves, AnnouncedWaves>();
        services.AddSingleton<WaveCommands>();
        services.AddSingleton<Reports.ProgrammeReports>();
        services.AddSingleton<ApplicationIntake>();
        services.AddSingleton<ApplicationCommands>();
        services.AddSingleton(sp => new PartnerDirectory(
            sp.GetRequiredService<ProgrammeTables>().Service,
            sp.GetRequiredService<ProgrammeTables>().Name("Partners")
        ));
        services.AddOptions<PartnerOptions>().BindConfiguration(PartnerOptions.SectionName);
        services.AddSingleton<PartnerCommands>();
        services.AddSingleton(sp => new Notifications.Outbox.Outbox(
            sp.GetRequiredService<ProgrammeTables>().Service,
            sp.GetRequiredService<IEmailSender>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<Notifications.Outbox.Outbox>>(),
            sp.GetRequiredService<ProgrammeTables>().Name("Outbox")
        ));
        services
            .AddOptions<Notifications.Delivery.EventWebhookOptions>()
            .BindConfiguration(Notifications.Delivery.EventWebhookOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton(sp => new Notifications.Delivery.DeliveryTracking(
            sp.GetRequiredService<ProgrammeTables>().Service,
            sp.GetRequiredService<Notifications.Outbox.Outbox>(),
            sp.GetRequiredService<ILogger<Notifications.Delivery.DeliveryTracking>>(),
            sp.GetRequiredService<ProgrammeTables>().Name("Deliveries")
        ));
        services.AddSingleton<Notifications.Delivery.NotificationResends>();
        services.AddSingleton<ReviewerCommands>();
        services
            .AddOptions<Retention.RetentionOptions>()
            .BindConfiguration(Retention.RetentionOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddSingleton<Retention.RetentionSweep>();
        services.AddSingleton<Workflows.WorkflowChecks>();
        services.AddSingleton<Workflows.WorkflowMending>();
        services
            .AddOptions<Workflows.WorkflowOptions>()
            .BindConfiguration(Workflows.WorkflowOptions.SectionName)
            .ValidateDataAnnotations()
            .ValidateOnStart();
        services.AddPages();
        services.AddSingleton<DemoProgramme>();
        services.AddHostedService<PartnerSeeding>();
        return services;
    }
}
