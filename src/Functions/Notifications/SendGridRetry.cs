using System.Globalization;
using System.Net;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Retry;
using SendGrid;

namespace Pathfinder.Functions.Notifications;

/// <summary>
/// The retry policy around the SDK's Mail Send call: rate limits and server errors are worth another try, the rest
/// not. The SDK's own retry handler neither retries 429 nor reads X-RateLimit-Reset, hence this one.
/// </summary>
internal static partial class SendGridRetry
{
    public const string RateLimitResetHeader = "X-RateLimit-Reset";

    // A reset far in the future (clock skew, a bad header) must not park an activity: the outbox retries later.
    private static readonly TimeSpan MaxRateLimitWait = TimeSpan.FromSeconds(60);

    public static ResiliencePipeline<Response> Create(int maxAttempts, TimeProvider time, ILogger logger)
    {
        var retry = new RetryStrategyOptions<Response>
        {
            MaxRetryAttempts = maxAttempts - 1,
            BackoffType = DelayBackoffType.Exponential,
            // Jitter spreads the retries of several function instances hit by the same outage.
            UseJitter = true,
            Delay = TimeSpan.FromSeconds(2),
            MaxDelay = TimeSpan.FromSeconds(30),
            ShouldHandle = args =>
                ValueTask.FromResult(
                    args.Outcome switch
                    {
                        { Result: { } response } => IsTransient(response.StatusCode),
                        { Exception: HttpRequestException } => true,
                        // HttpClient reports its own timeout as a cancellation the caller did not ask for.
                        { Exception: TaskCanceledException } => !args.Context.CancellationToken.IsCancellationRequested,
                        _ => false,
                    }
                ),
            DelayGenerator = args => ValueTask.FromResult(UntilRateLimitReset(args.Outcome.Result, time)),
            OnRetry = args =>
            {
                LogRetry(
                    logger,
                    args.Outcome.Result is { } response ? (int)response.StatusCode : null,
                    args.Outcome.Exception?.GetType().Name,
                    args.AttemptNumber + 1,
                    maxAttempts,
                    args.RetryDelay
                );
                return ValueTask.CompletedTask;
            },
        };

        var builder = new ResiliencePipelineBuilder<Response> { TimeProvider = time };
        return maxAttempts > 1 ? builder.AddRetry(retry).Build() : builder.Build();
    }

    public static bool IsTransient(HttpStatusCode status) =>
        status == HttpStatusCode.TooManyRequests || (int)status >= 500;

    /// <summary>
    /// The wait SendGrid asks for on a 429: X-RateLimit-Reset is the Unix time (seconds) when the limit refreshes.
    /// Null means "use the exponential backoff".
    /// </summary>
    public static TimeSpan? UntilRateLimitReset(Response? response, TimeProvider time)
    {
        if (
            response is not { StatusCode: HttpStatusCode.TooManyRequests }
            || !response.Headers.TryGetValues(RateLimitResetHeader, out var values)
            || !long.TryParse(values.FirstOrDefault(), NumberStyles.None, CultureInfo.InvariantCulture, out var epoch)
            || epoch > DateTimeOffset.MaxValue.ToUnixTimeSeconds()
        )
        {
            return null;
        }

        var wait = DateTimeOffset.FromUnixTimeSeconds(epoch) - time.GetUtcNow();
        return wait <= TimeSpan.Zero ? null
            : wait < MaxRateLimitWait ? wait
            : MaxRateLimitWait;
    }

    [LoggerMessage(
        Level = LogLevel.Warning,
        Message = "SendGrid attempt {Attempt} of {MaxAttempts} failed (status {Status}, error {Error}); retrying in "
            + "{Delay}"
    )]
    private static partial void LogRetry(
        ILogger logger,
        int? status,
        string? error,
        int attempt,
        int maxAttempts,
        TimeSpan delay
    );
}
