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

namespace Pathfinder.Functions.Partners;

/// <summary>
/// At start-up, for the demo and the tests only, loads the example partners that are missing, never overwriting the
/// national team's edits; a real deployment starts with none. Says how email is sent.
/// </summary>
public sealed class PartnerSeeding(
    PartnerCommands partners,
    IOptions<PartnerOptions> options,
    IConfiguration configuration,
    EmailSendingMode mode,
    ILogger<PartnerSeeding> logger
) : IHostedService
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
