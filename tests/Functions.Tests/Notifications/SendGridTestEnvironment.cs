using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>A fake SendGrid and the app's email services pointed at it, sharing one fake clock.</summary>
public sealed class SendGridTestEnvironment : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key.do-not-log-me";

    private readonly ServiceProvider _services;

    private SendGridTestEnvironment(FakeSendGridServer server, AutoAdvancingClock clock, CapturedLogs logs)
    {
        Server = server;
        Clock = clock;
        Logs = logs;
        _services = EmailSendingServices.Build(
            new Dictionary<string, string?>
            {
                ["SendGrid:ApiKey"] = ApiKey,
                ["SendGrid:BaseUrl"] = server.BaseUrl.AbsoluteUri,
            },
            clock,
            logs);
    }

    public FakeSendGridServer Server { get; }

    public AutoAdvancingClock Clock { get; }

    public CapturedLogs Logs { get; }

    public IEmailSender Sender => _services.GetRequiredService<IEmailSender>();

    public static async Task<SendGridTestEnvironment> StartAsync()
    {
        var clock = new AutoAdvancingClock();
        return new SendGridTestEnvironment(await FakeSendGridServer.StartAsync(ApiKey, clock), clock, new CapturedLogs());
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        Logs.Dispose();
    }
}
