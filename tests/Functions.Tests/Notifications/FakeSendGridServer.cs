using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace Pathfinder.Functions.Tests.Notifications;

/// <summary>
/// A local SendGrid v3 Mail Send endpoint on real Kestrel (a random loopback port). It checks each request as
/// SendGrid would, records it, and answers 202 with an X-Message-Id unless a scripted reply is queued. Given an Event
/// Webhook (<see cref="PostEventsTo"/>), it then posts signed events for each accepted message as SendGrid would:
/// processed, then delivered, or a bounce for an address at <see cref="BouncingDomain"/>.
/// </summary>
public sealed class FakeSendGridServer : IAsyncDisposable
{
    public const string MailSendPath = "/v3/mail/send";

    /// <summary>Mail to any address at this domain bounces (".invalid" is reserved: no such mailbox can
    /// exist).</summary>
    public const string BouncingDomain = "bounces.invalid";

    private readonly WebApplication _app;
    private readonly MailSendRequestValidator _validator;
    private readonly string _apiKey;
    private readonly TimeProvider _clock;
    private readonly ConcurrentQueue<ReceivedRequest> _received = new();
    private readonly ConcurrentQueue<ScriptedReply> _script = new();
    private readonly ConcurrentQueue<Task<HttpStatusCode>> _eventPosts = new();
    private readonly HttpClient _events = new();
    private (Uri Webhook, Pathfinder.Testing.EventWebhookSigner Signer)? _webhook;

    private FakeSendGridServer(string apiKey, TimeProvider clock, MailSendRequestValidator validator)
    {
        _apiKey = apiKey;
        _clock = clock;
        _validator = validator;
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        _app = builder.Build();
        _app.Run(HandleAsync);
    }

    /// <summary>http://127.0.0.1:{port}, the port Kestrel picked when it started.</summary>
    public Uri BaseUrl => new(_app.Urls.Single());

    public IReadOnlyList<ReceivedRequest> Received => [.. _received];

    /// <param name="clock">Stamps each request, so a test can see when (in its fake time) a retry arrived.</param>
    public static async Task<FakeSendGridServer> StartAsync(string apiKey, TimeProvider clock)
    {
        var server = new FakeSendGridServer(apiKey, clock, await MailSendRequestValidator.LoadAsync());
        await server._app.StartAsync();
        return server;
    }

    /// <summary>From now on, posts each accepted message's events to <paramref name="webhook"/>, signed.</summary>
    public void PostEventsTo(Uri webhook, Pathfinder.Testing.EventWebhookSigner signer) => _webhook = (webhook, signer);

    /// <summary>What the app answered to each Event Webhook post so far (waiting for those under way).</summary>
    public async Task<IReadOnlyList<HttpStatusCode>> EventPostsAsync() => await Task.WhenAll(_eventPosts);

    /// <summary>Answers the next <paramref name="times"/> valid requests with <paramref name="reply"/>.</summary>
    public void ReplyNext(ScriptedReply reply, int times = 1)
    {
        for (var i = 0; i < times; i++)
        {
            _script.Enqueue(reply);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_eventPosts).ContinueWith(_ => { }, TaskScheduler.Default);
        _events.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        using var reader = new StreamReader(request.Body);
        var body = await reader.ReadToEndAsync(context.RequestAborted);
        var (status, headers, answer) = Answer(request, body);

        string? messageId = null;
        if (status == HttpStatusCode.Accepted)
        {
            messageId = Guid.NewGuid().ToString("N")[..22];
            context.Response.Headers["X-Message-Id"] = messageId;
            if (_webhook is { } webhook)
            {
                // After the answer, as SendGrid posts events some time after it accepted the message.
                _eventPosts.Enqueue(PostEventsAsync(webhook.Webhook, webhook.Signer, body, messageId));
            }
        }

        _received.Enqueue(
            new ReceivedRequest(
                _clock.GetUtcNow(),
                request.Method,
                request.Path.Value ?? string.Empty,
                request.Headers.Authorization.ToString() is { Length: > 0 } auth ? auth : null,
                request.ContentType,
                request.Headers.UserAgent.ToString() is { Length: > 0 } agent ? agent : null,
                body,
                (int)status,
                messageId
            )
        );

        context.Response.StatusCode = (int)status;
        foreach (var (name, value) in headers)
        {
            context.Response.Headers[name] = value;
        }

        if (answer.Length > 0)
        {
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync(answer, context.RequestAborted);
        }
    }

    private async Task<HttpStatusCode> PostEventsAsync(
        Uri webhook,
        Pathfinder.Testing.EventWebhookSigner signer,
        string mailSend,
        string messageId
    )
    {
        await Task.Yield();
        var mail = JsonNode.Parse(mailSend)!.AsObject();
        var events = new JsonArray();
        var at = _clock.GetUtcNow().ToUnixTimeSeconds();
        foreach (var personalization in mail["personalizations"]!.AsArray())
        {
            // custom_args on the personalization, over the message's own: SendGrid puts both on every event.
            var args = new Dictionary<string, JsonNode?>();
            foreach (var source in new[] { mail["custom_args"], personalization!["custom_args"] })
            {
                foreach (var (name, value) in source?.AsObject() ?? [])
                {
                    args[name] = value?.DeepClone();
                }
            }
            foreach (var to in personalization["to"]!.AsArray())
            {
                var email = to!["email"]!.GetValue<string>();
                var bounces = email.EndsWith("@" + BouncingDomain, StringComparison.OrdinalIgnoreCase);
                events.Add(Event(email, "processed", at, null, messageId, args));
                events.Add(
                    bounces
                        ? Event(
                            email,
                            "bounce",
                            at + 1,
                            "550 5.1.1 The email account that you tried to reach does not exist.",
                            messageId,
                            args,
                            bounceType: "bounce"
                        )
                        : Event(email, "delivered", at + 1, null, messageId, args)
                );
            }
        }
        using var post = signer.Post(webhook, events.ToJsonString());
        using var answer = await _events.SendAsync(post);
        return answer.StatusCode;
    }

    private static JsonObject Event(
        string email,
        string eventType,
        long at,
        string? reason,
        string messageId,
        Dictionary<string, JsonNode?> args,
        string? bounceType = null
    )
    {
        var e = new JsonObject
        {
            ["email"] = email,
            ["timestamp"] = at,
            ["event"] = eventType,
            ["sg_event_id"] = Guid.NewGuid().ToString("N"),
            ["sg_message_id"] = messageId + ".filter0001",
        };
        if (reason is not null)
        {
            e["reason"] = reason;
            e["status"] = "5.1.1";
        }
        if (bounceType is not null)
        {
            e["type"] = bounceType;
        }
        foreach (var (name, value) in args)
        {
            e[name] = value?.DeepClone();
        }
        return e;
    }

    private (HttpStatusCode Status, IReadOnlyDictionary<string, string> Headers, string Body) Answer(
        HttpRequest request,
        string body
    )
    {
        var none = new Dictionary<string, string>();
        if (request.Path != MailSendPath)
        {
            return (HttpStatusCode.NotFound, none, ScriptedReply.ErrorsBody(new SendGridError("not found", null)));
        }

        if (!HttpMethods.IsPost(request.Method))
        {
            return (
                HttpStatusCode.MethodNotAllowed,
                none,
                ScriptedReply.ErrorsBody(new SendGridError("method not allowed", null))
            );
        }

        if (request.Headers.Authorization != $"Bearer {_apiKey}")
        {
            return (
                HttpStatusCode.Unauthorized,
                none,
                ScriptedReply.ErrorsBody(
                    new SendGridError("The provided authorization grant is invalid, expired, or revoked", null)
                )
            );
        }

        if (
            !string.Equals(
                request.GetTypedHeaders().ContentType?.MediaType.Value,
                "application/json",
                StringComparison.OrdinalIgnoreCase
            )
        )
        {
            return (
                HttpStatusCode.BadRequest,
                none,
                ScriptedReply.ErrorsBody(new SendGridError("Content-Type should be application/json.", null))
            );
        }

        var errors = _validator.Validate(body);
        if (errors.Count > 0)
        {
            return (HttpStatusCode.BadRequest, none, ScriptedReply.ErrorsBody(errors));
        }

        return _script.TryDequeue(out var scripted)
            ? (scripted.Status, scripted.Headers, scripted.Body)
            : (HttpStatusCode.Accepted, none, string.Empty);
    }
}
