using System.Net;
using Azure;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace Pathfinder.Fuzz;

/// <summary>
/// Blob and Table Storage that answer in memory, so the Inbound Parse reader can run thousands of times a second
/// without Azurite. Every write succeeds; listing finds no container (so a refused POST has nothing to delete).
/// What the real HTTP client would refuse is refused here too: a header value with a character past ASCII, a line
/// break or a NUL (a part's Content-Type is passed on as the blob's) fails as <see cref="HttpClientTransport"/> fails
/// it.
/// </summary>
internal sealed class InMemoryStorage : HttpPipelineTransport
{
    private static readonly Uri Account = new("http://127.0.0.1:10000/devstoreaccount1");
    private static readonly AzureSasCredential Sas = new("sv=2025-01-05&sig=fuzz");

    public static BlobServiceClient Blobs() => new(Account, Sas, Options(new BlobClientOptions()));

    public static TableServiceClient Tables() => new(Account, Sas, Options(new TableClientOptions()));

    private static T Options<T>(T options)
        where T : ClientOptions
    {
        options.Transport = new InMemoryStorage();
        // Nothing here fails for a while and then works: a retry would only slow the fuzzer down.
        options.Retry.MaxRetries = 0;
        options.Diagnostics.IsLoggingEnabled = false;
        options.Diagnostics.IsDistributedTracingEnabled = false;
        options.Diagnostics.IsTelemetryEnabled = false;
        return options;
    }

    public override Request CreateRequest() => new InMemoryRequest();

    public override void Process(HttpMessage message) => ProcessAsync(message).AsTask().GetAwaiter().GetResult();

    public override async ValueTask ProcessAsync(HttpMessage message)
    {
        var request = message.Request;
        foreach (var header in request.Headers)
        {
            if (header.Value.Any(c => c is > '\x7f' or '\r' or '\n' or '\0'))
            {
                // SocketsHttpHandler writes header values as ASCII only, and refuses line breaks and NULs.
                throw new RequestFailedException(
                    0,
                    $"Request headers must contain only ASCII characters ({header.Name}).",
                    new HttpRequestException("Request headers must contain only ASCII characters.")
                );
            }
        }
        if (request.Content is { } content)
        {
            // Drain the upload as the network would, so the reader's stream is read to its end.
            await content.WriteToAsync(Stream.Null, message.CancellationToken);
        }
        var status =
            request.Method == RequestMethod.Get ? HttpStatusCode.NotFound
            : request.Method == RequestMethod.Post ? HttpStatusCode.NoContent
            : request.Method == RequestMethod.Delete ? HttpStatusCode.Accepted
            : HttpStatusCode.Created;
        message.Response = new InMemoryResponse((int)status, request.ClientRequestId);
    }

    private sealed class InMemoryRequest : Request
    {
        private readonly Dictionary<string, List<string>> _headers = new(StringComparer.OrdinalIgnoreCase);

        public override string ClientRequestId { get; set; } = Guid.NewGuid().ToString();

        public override void Dispose() => Content?.Dispose();

        protected override void AddHeader(string name, string value) => Values(name).Add(value);

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() =>
            _headers.Select(h => new HttpHeader(h.Key, string.Join(",", h.Value)));

        protected override bool RemoveHeader(string name) => _headers.Remove(name);

        protected override bool TryGetHeader(string name, out string value)
        {
            var found = _headers.TryGetValue(name, out var values);
            value = found ? string.Join(",", values!) : "";
            return found;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            var found = _headers.TryGetValue(name, out var list);
            values = list ?? [];
            return found;
        }

        protected override void SetHeader(string name, string value) => _headers[name] = [value];

        private List<string> Values(string name) =>
            _headers.TryGetValue(name, out var values) ? values : _headers[name] = [];
    }

    private sealed class InMemoryResponse(int status, string requestId) : Response
    {
        private readonly Dictionary<string, string> _headers = new(StringComparer.OrdinalIgnoreCase)
        {
            ["ETag"] = "\"0x8DC0FUZZ\"",
            ["Last-Modified"] = DateTimeOffset.UnixEpoch.ToString("R"),
            ["Date"] = DateTimeOffset.UnixEpoch.ToString("R"),
            ["x-ms-request-id"] = requestId,
            ["x-ms-version"] = "2025-01-05",
            ["Content-Length"] = "0",
        };

        public override int Status => status;

        public override string ReasonPhrase => ((HttpStatusCode)status).ToString();

        public override Stream? ContentStream { get; set; } = new MemoryStream();

        public override string ClientRequestId { get; set; } = requestId;

        public override void Dispose() => ContentStream?.Dispose();

        protected override bool ContainsHeader(string name) => _headers.ContainsKey(name);

        protected override IEnumerable<HttpHeader> EnumerateHeaders() =>
            _headers.Select(h => new HttpHeader(h.Key, h.Value));

        protected override bool TryGetHeader(string name, out string value)
        {
            var found = _headers.TryGetValue(name, out var v);
            value = v ?? "";
            return found;
        }

        protected override bool TryGetHeaderValues(string name, out IEnumerable<string> values)
        {
            var found = _headers.TryGetValue(name, out var v);
            values = found ? [v!] : [];
            return found;
        }
    }
}
