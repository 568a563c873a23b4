using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Pathfinder.Durable;
using Pathfinder.Functions.Applications;
using Pathfinder.Functions.Demo;
using Pathfinder.Functions.Hosting;
using Pathfinder.Functions.Intake.Forms;
using Pathfinder.Functions.Intake.Inbound;
using Pathfinder.Functions.Notifications;
using Pathfinder.Functions.Notifications.Activities;
using Pathfinder.Functions.Notifications.Outbox;
using Pathfinder.Functions.Partners;
using Pathfinder.Functions.Reports;
using Pathfinder.Functions.Waves;

var builder = WebApplication.CreateBuilder(args);
var configuration = builder.Configuration;

// Under the Functions host the app listens where the host tells it and the timer function drives ticks.
var customHandlerPort = Environment.GetEnvironmentVariable("FUNCTIONS_CUSTOMHANDLER_PORT");
if (customHandlerPort is not null)
{
    builder.WebHost.UseUrls($"http://127.0.0.1:{customHandlerPort}");
}

var json = ProgrammeJson.Create();
builder.Services.AddSingleton(json);
builder.Services.TryAddSingleton(TimeProvider.System);
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.CamelCase)));
builder.Services.AddProblemDetails();

builder.Services.AddOptions<ProgrammeOptions>().BindConfiguration(ProgrammeOptions.SectionName)
    .ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<IntakeOptions>().BindConfiguration(IntakeOptions.SectionName)
    .Configure(o => o.CheckedByFunctionsHost |= customHandlerPort is not null)
    .ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddOptions<DurableTaskOptions>().BindConfiguration(DurableTaskOptions.SectionName)
    .Configure(o => o.TaskHub = configuration[$"{DurableTaskOptions.SectionName}:TaskHub"] ?? "Onboarding")
    .ValidateDataAnnotations().ValidateOnStart();
builder.Services.AddStorage(configuration);
builder.Services.AddEmailSending(configuration);
builder.Services.AddProgrammeSecurity();
builder.Services.AddEmailIntake(configuration);

builder.Services.AddSingleton<ApplicationRepository>();
builder.Services.AddSingleton<WaveRepository>();
builder.Services.AddSingleton<ApplicationIntake>();
builder.Services.AddSingleton(sp => new PartnerDirectory(sp.GetRequiredService<ProgrammeTables>().Service,
    sp.GetRequiredService<ProgrammeTables>().Name("Partners")));
builder.Services.AddSingleton(sp => new Outbox(sp.GetRequiredService<ProgrammeTables>().Service, sp.GetRequiredService<IEmailSender>(),
    sp.GetRequiredService<TimeProvider>(), sp.GetRequiredService<ILogger<Outbox>>(), sp.GetRequiredService<ProgrammeTables>().Name("Outbox")));
builder.Services.AddSingleton<IntakeKeyFilter>();
builder.Services.AddSingleton<ProgrammeTick>();
builder.Services.AddSingleton<DemoProgramme>();
builder.Services.AddDurableTask(r => r
        .AddOrchestrator<ApplicationOrchestrator>()
        .AddActivity<RegisterApplication>()
        .AddActivity<RecordCommand>()
        .AddActivity<RecordReviewCheckpoint>()
        .AddActivity<RecordAnnouncement>()
        .AddActivity<RecordLive>()
        .AddActivity<SendNotification>()
        .AddOrchestrator<WaveOrchestrator>()
        .AddActivity<FreezeWave>()
        .AddActivity<AnnounceApplications>()
        .AddActivity<SendWaveDigests>())
    .UseTableStorage(sp => sp.GetRequiredService<ProgrammeTables>().Service);
if (customHandlerPort is null)
{
    builder.Services.AddHostedService<ProgrammeTickService>();
}

var app = builder.Build();
app.UseExceptionHandler();
app.UseStatusCodePages();
app.UseAuthentication();
app.UseAuthorization();

app.MapGet("/api/health", () => TypedResults.Ok(new { status = "healthy" }));
app.MapApplications();
app.MapWaves();
app.MapReports();
app.MapNotifications();
app.MapEmailIntake();
app.MapForms();
app.MapFunctionsHostTriggers();

await app.Services.GetRequiredService<PartnerDirectory>().SeedAsync(CancellationToken.None);
if (configuration.GetValue<bool>("Demo:Load"))
{
    await app.Services.GetRequiredService<DemoProgramme>().LoadAsync(CancellationToken.None);
}
app.Logger.LogInformation("{EmailMode}", app.Services.GetRequiredService<EmailSendingMode>().Describe());
await app.RunAsync();

/// <summary>Entry point, visible to the integration tests' WebApplicationFactory.</summary>
public partial class Program;
