using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Security.Authentication;
using System.Text;
using Connectivity.Model.Connections;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Clients;
using Connectivity.Service.Messaging;
using Microsoft.Extensions.Logging;

namespace Connectivity.Messaging.Http;

/// <summary>
/// The client of an <c>http-push</c> connection (spec §8.4). HTTP has no session, so "connected" means: the URI's host
/// answered a request to the base path (HEAD, or GET when HEAD is not allowed) and accepted the credentials. Basic
/// auth comes from the URI's user info; <c>client-cert</c> credentials, <c>ca</c> and <c>validateCertificates</c> shape
/// TLS. One <see cref="SocketsHttpHandler"/> per client, with at most <c>parallelism</c> connections to the host, shared
/// with the <see cref="HttpPushPublisher"/> that publishes while connected.
/// </summary>
public sealed class HttpPushClient : IConnectionClient
{
    /// <summary>The default limit for opening a TCP (and TLS) connection.</summary>
    public static readonly TimeSpan DefaultConnectTimeout = TimeSpan.FromSeconds(10);

    /// <summary>The specificConfig key of the number of parallel requests (default 1).</summary>
    public const string ParallelismKey = HttpPushSpecificConfig.ParallelismKey;

    private readonly Connection connection;
    private readonly ClientContext context;
    private readonly ConnectionUri uri;
    private readonly Uri baseUri;
    private readonly HttpClient httpClient;
    private readonly ILogger logger;
    private readonly HttpPushPublisher publisher;
    private readonly Lock gate = new();
    private DateTimeOffset? connectedSince;

    public HttpPushClient(Connection connection, ClientContext context, TimeSpan connectTimeout)
    {
        this.connection = connection;
        this.context = context;
        uri = connection.ParsedUri;
        baseUri = new UriBuilder(uri.Scheme, uri.Host.Trim('[', ']'), uri.Port, uri.Path.Length == 0 ? "/" : uri.Path).Uri;
        logger = context.LoggerFactory.CreateLogger<HttpPushClient>();
        var config = HttpPushSpecificConfig.Parse(connection.SpecificConfig);
        var handler = new SocketsHttpHandler
        {
            ConnectTimeout = connectTimeout,
            MaxConnectionsPerServer = config.Parallelism,
            PooledConnectionIdleTimeout = config.IdleTimeout,
            AllowAutoRedirect = false,
            UseCookies = false,
            UseProxy = false,
            SslOptions = ConnectionTls.ClientOptions(connection),
        };
        httpClient = new HttpClient(handler, disposeHandler: true) { Timeout = HttpPushSpecificConfig.RequestTimeout };
        if (uri.Username is not null)
        {
            var userInfo = Encoding.UTF8.GetBytes($"{uri.Username}:{uri.Password}");
            httpClient.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(userInfo));
        }

        publisher = new HttpPushPublisher(connection.Id, httpClient, baseUri, config, context.TimeProvider, logger);
    }

    /// <summary>The publisher of the targets once <see cref="ConnectAsync"/> succeeded, until <see cref="DisconnectAsync"/>.</summary>
    public IMessagePublisher? Publisher
    {
        get
        {
            lock (gate)
            {
                return connectedSince is null ? null : publisher;
            }
        }
    }

    /// <summary>
    /// Checks that the host is reachable and accepts the credentials. 401/403 is an authentication failure, an
    /// unresolvable host or a TLS failure is user-indicated (misconfigured), a refused, reset or timed-out connection is
    /// not (failed); any other HTTP status counts as connected.
    /// </summary>
    public async Task ConnectAsync(CancellationToken cancellationToken)
    {
        var statusCode = await Request(HttpMethod.Head, cancellationToken).ConfigureAwait(false);
        if (statusCode is HttpStatusCode.MethodNotAllowed or HttpStatusCode.NotImplemented)
        {
            statusCode = await Request(HttpMethod.Get, cancellationToken).ConfigureAwait(false);
        }

        if (statusCode is HttpStatusCode.Unauthorized or HttpStatusCode.Forbidden)
        {
            throw ConnectionFailureException.Unauthorized(
                $"The authentication at {uri.Masked} failed ({((int)statusCode).ToString(CultureInfo.InvariantCulture)} {statusCode}).");
        }

        HttpPushClientLog.Reachable(logger, connection.Id, uri.Masked, (int)statusCode);
        lock (gate)
        {
            connectedSince = context.TimeProvider.GetUtcNow();
        }
    }

    public Task DisconnectAsync(CancellationToken cancellationToken)
    {
        lock (gate)
        {
            connectedSince = null;
        }

        return Task.CompletedTask;
    }

    /// <summary>Always empty: <c>http-push</c> connections have no sources.</summary>
    public IReadOnlyList<ResourceStatus> SourceStatuses() => [];

    /// <summary>One entry per target: <c>open</c> since the connect while connected, else <c>closed</c>.</summary>
    public IReadOnlyList<ResourceStatus> TargetStatuses()
    {
        DateTimeOffset? since;
        lock (gate)
        {
            since = connectedSince;
        }

        return
        [
            .. connection.Targets.Select(target => new ResourceStatus(
                ResourceType.Target, context.ClientId, target.Address, since is null ? LiveStatus.Closed : LiveStatus.Open, InStateSince: since)),
        ];
    }

    public ValueTask DisposeAsync()
    {
        httpClient.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<HttpStatusCode> Request(HttpMethod method, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, baseUri);
        try
        {
            using var response = await httpClient
                .SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken)
                .ConfigureAwait(false);
            HttpPushClientLog.Answered(logger, connection.Id, method.Method, uri.Masked, (int)response.StatusCode);
            return response.StatusCode;
        }
        catch (HttpRequestException e)
        {
            throw Classify(e);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            throw ConnectionFailureException.Failed($"The request to {uri.Masked} timed out.", e);
        }
    }

    private ConnectionFailureException Classify(HttpRequestException e) => e.HttpRequestError switch
    {
        HttpRequestError.NameResolutionError =>
            ConnectionFailureException.Misconfigured($"The host '{uri.Host}' of {uri.Masked} could not be resolved.", e),
        HttpRequestError.SecureConnectionError =>
            ConnectionFailureException.Misconfigured($"The TLS handshake with {uri.Masked} failed: {Innermost(e).Message}", e),
        _ when e.InnerException is AuthenticationException =>
            ConnectionFailureException.Misconfigured($"The TLS handshake with {uri.Masked} failed: {Innermost(e).Message}", e),
        HttpRequestError.ConnectionError =>
            ConnectionFailureException.Failed($"The connection to {uri.Masked} failed: {Innermost(e).Message}", e),
        _ => ConnectionFailureException.Failed($"The request to {uri.Masked} failed: {Innermost(e).Message}", e),
    };

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
