using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
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
        services.AddOptions<PartnerOptions>().BindConfiguration(PartnerOptions.SectionName);
        services.AddSingleton<PartnerCommands>();
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
        services.AddOptions<Retention.RetentionOptions>().BindConfiguration(Retention.RetentionOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Retention.RetentionSweep>();
        services.AddSingleton<Workflows.WorkflowChecks>();
        services.AddSingleton<Workflows.WorkflowMending>();
        services.AddOptions<Workflows.WorkflowOptions>().BindConfiguration(Workflows.WorkflowOptions.SectionName)
            .ValidateDataAnnotations().ValidateOnStart();
        services.AddPages();
        services.AddSingleton<DemoProgramme>();
        services.AddHostedService<PartnerSeeding>();
        return services;
    }
}

/// <summary>
/// At start-up, for the demo and the tests only, loads the example partners that are missing, never overwriting the
/// national team's edits; a real deployment starts with none. Says how email is sent.
/// </summary>
public sealed class PartnerSeeding(PartnerCommands partners, IOptions<PartnerOptions> options, IConfiguration configuration,
    EmailSendingMode mode, ILogger<PartnerSeeding> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.LoadExamples || configuration.GetValue<bool>(PartnerOptions.DemoSetting))
        {
            await partners.LoadExamplesAsync(cancellationToken);
        }
        logger.LogInformation("{EmailMode}", mode.Describe());
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
