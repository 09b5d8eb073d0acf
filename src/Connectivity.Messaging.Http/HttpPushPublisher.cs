using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using System.Text;
using Connectivity.Service.Messaging;
using Microsoft.Extensions.Logging;

namespace Connectivity.Messaging.Http;

/// <summary>
/// Publishes to the targets of an <c>http-push</c> connection (spec §8.4): one request per message (see
/// <see cref="HttpPushRequests"/>), at most <c>parallelism</c> of them in flight and at most <see cref="QueueSize"/>
/// waiting for a slot, each within the request timeout of 60 s. A 2xx answer is a success with its status; any other
/// status is a failure with that status and an excerpt of the body; an unreachable host, a broken connection or a
/// timeout is a failure with 503; an address that makes no request URI is a failure with 400.
/// </summary>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "The semaphore's wait handle is never created, so it holds nothing to dispose; requests still running when the client is disposed release it.")]
public sealed class HttpPushPublisher : IMessagePublisher
{
    /// <summary>The header overriding the request's whole path; not sent.</summary>
    public const string PathHeader = "http.path";

    /// <summary>The header overriding the request's query string; not sent.</summary>
    public const string QueryHeader = "http.query";

    /// <summary>How many requests may wait for a free slot before further ones fail at once (spec §8.4).</summary>
    public const int QueueSize = 1000;

    private const int ExcerptBytes = 1024;
    private const int ExcerptChars = 200;

    private readonly string connectionId;
    private readonly HttpClient httpClient;
    private readonly string baseUri;
    private readonly HttpPushSpecificConfig config;
    private readonly TimeProvider time;
    private readonly ILogger logger;
    private readonly SemaphoreSlim slots;
    private int pending;

    /// <param name="baseUri">The connection URI without user info, e.g. <c>http://host:80/base</c>.</param>
    internal HttpPushPublisher(string connectionId, HttpClient httpClient, Uri baseUri, HttpPushSpecificConfig config, TimeProvider time, ILogger logger)
    {
        this.connectionId = connectionId;
        this.httpClient = httpClient;
        this.baseUri = baseUri.GetLeftPart(UriPartial.Path).TrimEnd('/');
        this.config = config;
        this.time = time;
        this.logger = logger;
        slots = new SemaphoreSlim(config.Parallelism, config.Parallelism);
    }

    public async ValueTask<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        HttpRequestMessage http;
        try
        {
            http = HttpPushRequests.Create(request, baseUri, config);
        }
        catch (FormatException e)
        {
            return new PublishOutcome(false, 400, e.Message);
        }

        using (http)
        {
            if (Interlocked.Increment(ref pending) > QueueSize + config.Parallelism)
            {
                Interlocked.Decrement(ref pending);
                return new PublishOutcome(
                    false, 503, $"The request {http.Method} {http.RequestUri} was not sent: {QueueSize} requests are already waiting (parallelism {config.Parallelism}).");
            }

            try
            {
                await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
                try
                {
                    return await SendAsync(http, cancellationToken).ConfigureAwait(false);
                }
                finally
                {
                    slots.Release();
                }
            }
            finally
            {
                Interlocked.Decrement(ref pending);
            }
        }
    }

    private async Task<PublishOutcome> SendAsync(HttpRequestMessage http, CancellationToken cancellationToken)
    {
        var what = $"{http.Method} {http.RequestUri}";
        using var timeout = new CancellationTokenSource(HttpPushSpecificConfig.RequestTimeout, time);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await httpClient.SendAsync(http, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var status = (int)response.StatusCode;
            HttpPushClientLog.Answered(logger, connectionId, http.Method.Method, http.RequestUri?.ToString() ?? string.Empty, status);
            if (response.IsSuccessStatusCode)
            {
                return new PublishOutcome(true, status, string.Create(CultureInfo.InvariantCulture, $"{what} answered {status}."));
            }

            var excerpt = await ExcerptAsync(response, linked.Token).ConfigureAwait(false);
            return new PublishOutcome(
                false, status, string.Create(CultureInfo.InvariantCulture, $"{what} answered {status}{(excerpt.Length > 0 ? ": " + excerpt : ".")}"));
        }
        catch (HttpRequestException e)
        {
            return Unavailable(what, $"failed: {Innermost(e).Message}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return Unavailable(what, $"timed out after {HttpPushSpecificConfig.RequestTimeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s.");
        }
    }

    private PublishOutcome Unavailable(string what, string reason)
    {
        HttpPushClientLog.RequestFailed(logger, connectionId, what, reason);
        return new PublishOutcome(false, 503, $"The request {what} {reason}");
    }

    /// <summary>The start of the response body as one line of text, at most <see cref="ExcerptChars"/> characters.</summary>
    private static async Task<string> ExcerptAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
            await using (stream.ConfigureAwait(false))
            {
                var buffer = new byte[ExcerptBytes];
                var read = await stream.ReadAtLeastAsync(buffer, buffer.Length, throwOnEndOfStream: false, cancellationToken).ConfigureAwait(false);
                var text = Encoding.UTF8.GetString(buffer, 0, read).ReplaceLineEndings(" ").Trim();
                return text.Length > ExcerptChars ? string.Concat(text.AsSpan(0, ExcerptChars), "…") : text;
            }
        }
        catch (Exception e) when (e is HttpRequestException or IOException)
        {
            return string.Empty;
        }
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
