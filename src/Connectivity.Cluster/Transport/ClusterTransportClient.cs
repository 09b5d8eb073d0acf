using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Runtime.Serialization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Actors;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectivity.Cluster.Transport;

/// <summary>
/// This node's side of the node-to-node transport: sends tells and asks to other nodes' internal endpoints over one
/// shared HTTP/2 cleartext client (prior knowledge, several connections per peer, keep-alive pings), hands out
/// <see cref="RemoteActorRef"/>s, and resolves the recipients and senders of incoming requests for
/// <see cref="ClusterTransportEndpoints"/>. Wire format: see <see cref="ClusterTransportEndpoints"/>.
/// </summary>
public sealed class ClusterTransportClient : IAsyncDisposable
{
    private readonly HttpClient _http;
    private readonly TemporaryRefRegistry _temporaries;
    private readonly ConcurrentDictionary<string, RemoteNodeOutbox> _outboxes = new(StringComparer.Ordinal);
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _stopping = new();
    private int _disposed;

    public ClusterTransportClient(ActorSystem actorSystem, IMessageSerializer serializer, ClusterTransportOptions options, ILogger<ClusterTransportClient>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(actorSystem);
        ArgumentNullException.ThrowIfNull(serializer);
        ArgumentNullException.ThrowIfNull(options);
        ActorSystem = actorSystem;
        Serializer = serializer;
        Options = options;
        _logger = logger ?? NullLogger<ClusterTransportClient>.Instance;
        _temporaries = new TemporaryRefRegistry(actorSystem.TimeProvider, options.TemporarySenderLifetime);
        var handler = new SocketsHttpHandler
        {
            EnableMultipleHttp2Connections = true,
            KeepAlivePingDelay = options.KeepAlivePingDelay,
            KeepAlivePingTimeout = options.KeepAlivePingTimeout,
            KeepAlivePingPolicy = HttpKeepAlivePingPolicy.Always,
            ConnectTimeout = options.ConnectTimeout,
            UseProxy = false,
            UseCookies = false,
        };
        _http = new HttpClient(handler)
        {
            Timeout = Timeout.InfiniteTimeSpan,
            DefaultRequestVersion = HttpVersion.Version20,
            DefaultVersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
    }

    public ActorSystem ActorSystem { get; }

    public IMessageSerializer Serializer { get; }

    public ClusterTransportOptions Options { get; }

    /// <summary>A reference to the actor at <paramref name="path"/> on the node at <paramref name="nodeAddress"/>.</summary>
    public RemoteActorRef RemoteRef(string nodeAddress, string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeAddress);
        return new RemoteActorRef(this, nodeAddress.TrimEnd('/'), ActorPath.Parse(path));
    }

    /// <summary>
    /// Delivers <paramref name="message"/> to the actor at <paramref name="recipientPath"/> on another node; completes
    /// once it is in the recipient's mailbox. Throws <see cref="NodeUnreachableException"/> when the node cannot be
    /// reached (the message may then be buffered and sent again), <see cref="ClusterTransportException"/> when the node
    /// refuses it and <see cref="SerializationException"/> when the message has no serializer.
    /// </summary>
    public async Task TellAsync(string nodeAddress, string recipientPath, object message, IActorRef? sender, CancellationToken ct = default)
    {
        var body = Request(recipientPath, message, sender);
        using var response = await SendAsync(
            nodeAddress,
            TransportWire.TellPath,
            body,
            Options.TellTimeout,
            () => new NodeUnreachableException(nodeAddress, $"{nodeAddress} did not accept a tell within {Options.TellTimeout}."),
            ct);
        if (response.StatusCode != HttpStatusCode.Accepted)
        {
            throw await RefusalAsync(nodeAddress, recipientPath, response, ct);
        }
    }

    /// <summary>
    /// Asks the actor at <paramref name="recipientPath"/> on another node and returns its reply; a
    /// <see cref="Status.Failure"/> reply is returned as such (so <c>Ask&lt;T&gt;</c> semantics hold for callers that
    /// unwrap it). Throws <see cref="AskTimeoutException"/> when no reply came within <paramref name="timeout"/>,
    /// <see cref="NodeUnreachableException"/> and <see cref="ClusterTransportException"/> as <see cref="TellAsync"/>.
    /// </summary>
    public async Task<object> AskAsync(string nodeAddress, string recipientPath, object message, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(timeout, TimeSpan.Zero);
        var body = Request(recipientPath, message, sender: null);
        var timeoutMs = (long)Math.Ceiling(timeout.TotalMilliseconds);
        using var response = await SendAsync(
            nodeAddress,
            TransportWire.AskPath + "?timeoutMs=" + timeoutMs.ToString(CultureInfo.InvariantCulture),
            body,
            timeout + Options.AskTimeoutMargin,
            () => new AskTimeoutException($"Ask of {recipientPath} on {nodeAddress} got no answer within {timeout}."),
            ct);
        if (response.StatusCode == HttpStatusCode.GatewayTimeout)
        {
            throw new AskTimeoutException($"Ask of {recipientPath} on {nodeAddress} timed out after {timeout}.");
        }

        if (response.StatusCode != HttpStatusCode.OK)
        {
            throw await RefusalAsync(nodeAddress, recipientPath, response, ct);
        }

        var reply = await JsonNode.ParseAsync(await response.Content.ReadAsStreamAsync(ct), cancellationToken: ct);
        if (reply?["typeId"] is not JsonValue typeId || reply["message"] is not { } replyMessage)
        {
            throw new SerializationException($"The reply of {recipientPath} on {nodeAddress} is not a typed message.");
        }

        return Serializer.Deserialize(typeId.GetValue<string>(), replyMessage);
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stopping.CancelAsync();
        foreach (var outbox in _outboxes.Values)
        {
            await outbox.CompleteAsync();
        }

        _http.Dispose();
        _stopping.Dispose();
    }

    /// <summary>The local actor an incoming request is for: a temporary sender registered here, or a live actor in the tree.</summary>
    internal IActorRef? ResolveLocal(string path) => _temporaries.Take(path) ?? ActorSystem.ResolvePath(path);

    /// <summary>The sender of an incoming request as a reference: local when it names this node, else remote.</summary>
    internal IActorRef? ResolveSender(string sender)
    {
        if (!TransportWire.TrySplitSender(sender, out var nodeAddress, out var path))
        {
            throw new FormatException($"'{sender}' is not a sender of the form <node>|<path>.");
        }

        return string.Equals(nodeAddress, Options.LocalAddress, StringComparison.Ordinal)
            ? ResolveLocal(path)
            : new RemoteActorRef(this, nodeAddress, ActorPath.Parse(path));
    }

    internal void Enqueue(RemoteActorRef recipient, object message, IActorRef? sender)
    {
        if (Volatile.Read(ref _disposed) == 1)
        {
            ReportFailure(recipient, message, sender, new ObjectDisposedException(nameof(ClusterTransportClient)));
            return;
        }

        _outboxes.GetOrAdd(recipient.NodeAddress, static (node, self) => new RemoteNodeOutbox(self, node, self.Options.OutboxCapacity, self._stopping.Token), this)
            .Enqueue(recipient, message, sender);
    }

    internal void ReportFailure(RemoteActorRef recipient, object message, IActorRef? sender, Exception cause)
    {
        ClusterTransportLog.DeliveryFailed(_logger, cause, message.GetType().Name, recipient.RecipientPath.ToString(), recipient.NodeAddress);
        ActorSystem.EventStream.Publish(new RemoteDeliveryFailed(message, sender, recipient, cause));
    }

    private JsonObject Request(string recipientPath, object message, IActorRef? sender)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(recipientPath);
        ArgumentNullException.ThrowIfNull(message);
        if (!Serializer.TrySerialize(message, out var typeId, out var json))
        {
            throw new SerializationException($"No serializer is registered for {message.GetType().FullName}.");
        }

        return TransportWire.Request(recipientPath, typeId, json, EncodeSender(sender));
    }

    private string? EncodeSender(IActorRef? sender)
    {
        switch (sender)
        {
            case null:
                return null;
            case RemoteActorRef remote:
                return TransportWire.Sender(remote.NodeAddress, remote.RecipientPath.ToString());
        }

        switch (sender.Path.Elements)
        {
            case [] or ["deadLetters"] or ["noSender"]:
                return null;
            case ["user" or "system", ..]:
                return TransportWire.Sender(Options.LocalAddress, sender.Path.ToString());
            default:
                _temporaries.Register(sender);
                return TransportWire.Sender(Options.LocalAddress, sender.Path.ToString());
        }
    }

    private async Task<HttpResponseMessage> SendAsync(
        string nodeAddress,
        string pathAndQuery,
        JsonObject body,
        TimeSpan timeout,
        Func<Exception> timedOut,
        CancellationToken ct)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(nodeAddress);
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(nodeAddress.TrimEnd('/') + pathAndQuery))
        {
            Version = HttpVersion.Version20,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
            Content = new StringContent(body.ToJsonString(), Encoding.UTF8, TransportWire.JsonMediaType),
        };
        if (Options.Secret is { } secret)
        {
            request.Headers.Add(TransportWire.SecretHeader, secret);
        }

        request.Headers.Add(
            TransportWire.DeadlineHeader,
            (ActorSystem.TimeProvider.GetUtcNow() + timeout).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture));

        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(ct);
        deadline.CancelAfter(timeout);
        try
        {
            return await _http.SendAsync(request, HttpCompletionOption.ResponseContentRead, deadline.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            throw timedOut();
        }
        catch (HttpRequestException e)
        {
            throw new NodeUnreachableException(nodeAddress, $"{nodeAddress} is unreachable: {e.Message}", e);
        }
    }

    private static async Task<Exception> RefusalAsync(string nodeAddress, string recipientPath, HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        string? error = null;
        string? message = null;
        try
        {
            if (text.Length > 0 && JsonNode.Parse(text) is JsonObject json)
            {
                error = (string?)json["error"];
                message = (string?)json["message"];
            }
        }
        catch (JsonException)
        {
            // Not one of our error bodies (e.g. a proxy's page): the status code says enough.
        }

        error ??= response.StatusCode switch
        {
            HttpStatusCode.Unauthorized => ClusterTransportException.Unauthorized,
            HttpStatusCode.NotFound => ClusterTransportException.RecipientNotFound,
            HttpStatusCode.BadRequest => ClusterTransportException.BadRequest,
            _ => "cluster:http." + ((int)response.StatusCode).ToString(CultureInfo.InvariantCulture),
        };
        return new ClusterTransportException(
            error,
            $"{nodeAddress} refused a message for {recipientPath} (HTTP {(int)response.StatusCode}, {error}){(message is null ? "." : ": " + message)}");
    }
}
