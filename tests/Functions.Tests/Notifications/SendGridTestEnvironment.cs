using Microsoft.Extensions.DependencyInjection;
using Pathfinder.Functions.Notifications;

namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>A fake SendGrid and the app's email services pointed at it, sharing one fake clock.</summary>
public sealed class SendGridTestEnvironment : IAsyncDisposable
{
    public const string ApiKey = "SG.test-key.do-not-log-me";

    private readonly ServiceProvider _services;

    private SendGridTestEnvironment(
        FakeSendGridServer server,
        AutoAdvancingClock clock,
        CapturedLogs logs,
        IReadOnlyDictionary<string, string?> settings
    )
    {
        Server = server;
        Clock = clock;
        Logs = logs;
        var all = new Dictionary<string, string?>(settings)
        {
            ["SendGrid:ApiKey"] = ApiKey,
            ["SendGrid:BaseUrl"] = server.BaseUrl.AbsoluteUri,
        };
        _services = EmailSendingServices.Build(all, clock, logs);
    }

    public FakeSendGridServer Server { get; }

    public AutoAdvancingClock Clock { get; }

    public CapturedLogs Logs { get; }

    public IEmailSender Sender => _services.GetRequiredService<IEmailSender>();

    /// <param name="settings">More configuration, e.g. "SendGrid:FromName"; the key and base URL are set here.</param>
    public static async Task<SendGridTestEnvironment> StartAsync(IReadOnlyDictionary<string, string?>? settings = null)
    {
        var clock = new AutoAdvancingClock();
        var server = await FakeSendGridServer.StartAsync(ApiKey, clock);
        return new SendGridTestEnvironment(
            server,
            clock,
            new CapturedLogs(),
            settings ?? new Dictionary<string, string?>()
        );
    }

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        await Server.DisposeAsync();
        Logs.Dispose();
    }
}
