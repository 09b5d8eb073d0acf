using System.Globalization;
using System.Runtime.Serialization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Connectivity.Actors;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectivity.Cluster.Transport;

/// <summary>
/// The internal endpoints through which other nodes tell and ask this node's actors. Reachable only on the listener
/// set up by <see cref="ClusterTransportKestrelExtensions.ConfigureClusterTransport"/> (elsewhere: 404), and, when
/// <see cref="ClusterTransportOptions.Secret"/> is set, only with the header <c>X-Cluster-Secret</c> (else 401).
/// <para>Wire format (JSON, UTF-8, HTTP/2 cleartext):</para>
/// <list type="bullet">
/// <item><c>POST /cluster/v1/tell</c> with <c>{"recipient":"/system/sharding/connection","typeId":"...","message":{...},"sender":"http://10.0.0.7:9101|/user/a"}</c>
/// (<c>sender</c> optional: the sending node's address, a bar, and the path there) answers 202 once the message is in
/// the recipient's mailbox; the sender becomes a <see cref="RemoteActorRef"/>, so replies travel back.</item>
/// <item><c>POST /cluster/v1/ask?timeoutMs=N</c> with the same body asks the recipient with that timeout (capped at
/// <see cref="ClusterTransportOptions.MaxAskTimeout"/>) and answers 200 with <c>{"typeId":"...","message":{...}}</c>;
/// a failure reply is the type id <c>cluster:status.failure</c>.</item>
/// <item>Errors are <c>{"error":"cluster:...","message":"..."}</c>: 400 unreadable body or unknown type id, 404 no
/// actor at the recipient path, 500 a reply without a serializer, 504 the local ask timed out.</item>
/// </list>
/// <c>typeId</c> and <c>message</c> are what the node's <see cref="IMessageSerializer"/> produces and reads.
/// </summary>
public static class ClusterTransportEndpoints
{
    private static bool DeadlinePassed(HttpContext http, TimeProvider time) =>
        long.TryParse(http.Request.Headers[TransportWire.DeadlineHeader].ToString(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var deadline)
        && time.GetUtcNow().ToUnixTimeMilliseconds() > deadline;

    public static RouteGroupBuilder MapClusterTransport(this IEndpointRouteBuilder routes, ClusterTransportClient transport)
    {
        ArgumentNullException.ThrowIfNull(routes);
        ArgumentNullException.ThrowIfNull(transport);
        var logger = routes.ServiceProvider.GetService<ILoggerFactory>()?.CreateLogger(typeof(ClusterTransportEndpoints).FullName!)
            ?? NullLogger.Instance;
        var secret = transport.Options.Secret is { } configured ? Encoding.UTF8.GetBytes(configured) : null;
        var group = routes.MapGroup(TransportWire.Prefix);
        group.ExcludeFromDescription();
        group.AddEndpointFilter(async (context, next) =>
        {
            var http = context.HttpContext;
            if (!ClusterTransportKestrelExtensions.IsInternalConnection(http))
            {
                return TypedResults.NotFound();
            }

            if (secret is not null && !SecretMatches(http.Request.Headers[TransportWire.SecretHeader].ToString(), secret))
            {
                ClusterTransportLog.Unauthorized(logger, http.Connection.RemoteIpAddress?.ToString());
                return TypedResults.Unauthorized();
            }

            if (DeadlinePassed(http, transport.ActorSystem.TimeProvider))
            {
                // Held up (e.g. this process was frozen) until its sender stopped waiting: acting on it now could
                // apply an old command after newer ones. The sender has already treated it as undelivered.
                ClusterTransportLog.Expired(logger, http.Request.Path);
                return TypedResults.StatusCode(StatusCodes.Status410Gone);
            }

            return await next(context);
        });
        group.MapPost("/tell", (HttpContext context, CancellationToken ct) => Tell(context, transport, logger, ct));
        group.MapPost("/ask", (HttpContext context, string? timeoutMs, CancellationToken ct) => Ask(context, timeoutMs, transport, logger, ct));
        return group;
    }

    private static async Task<Results<Accepted, ContentHttpResult>> Tell(HttpContext context, ClusterTransportClient transport, ILogger logger, CancellationToken ct)
    {
        var incoming = await ReadAsync(context, transport, logger, ct);
        if (incoming.Error is { } error)
        {
            return error;
        }

        incoming.Recipient!.Tell(incoming.Message!, incoming.Sender);
        return TypedResults.Accepted((string?)null);
    }

    private static async Task<ContentHttpResult> Ask(HttpContext context, string? timeoutMs, ClusterTransportClient transport, ILogger logger, CancellationToken ct)
    {
        TimeSpan timeout;
        if (timeoutMs is null)
        {
            timeout = transport.Options.DefaultAskTimeout;
        }
        else if (long.TryParse(timeoutMs, NumberStyles.None, CultureInfo.InvariantCulture, out var ms) && ms > 0)
        {
            timeout = TimeSpan.FromMilliseconds(Math.Min(ms, (long)transport.Options.MaxAskTimeout.TotalMilliseconds));
        }
        else
        {
            return Failure(StatusCodes.Status400BadRequest, ClusterTransportException.BadRequest, $"timeoutMs '{timeoutMs}' is not a positive number of milliseconds.");
        }

        var incoming = await ReadAsync(context, transport, logger, ct);
        if (incoming.Error is { } error)
        {
            return error;
        }

        object reply;
        try
        {
            reply = await incoming.Recipient!.Ask(incoming.Message!, timeout, ct);
        }
        catch (AskTimeoutException)
        {
            ClusterTransportLog.AskTimedOut(logger, incoming.Path!, (long)timeout.TotalMilliseconds);
            return Failure(StatusCodes.Status504GatewayTimeout, ClusterTransportException.AskTimedOut, $"{incoming.Path} did not reply within {timeout}.");
        }

        if (!transport.Serializer.TrySerialize(reply, out var typeId, out var json))
        {
            ClusterTransportLog.ReplyUnserializable(logger, incoming.Path!, reply.GetType().FullName!);
            return Failure(StatusCodes.Status500InternalServerError, ClusterTransportException.ReplyUnserializable, $"{incoming.Path} replied with {reply.GetType().Name}, which has no serializer.");
        }

        return Json(StatusCodes.Status200OK, TransportWire.Reply(typeId, json));
    }

    private static async Task<Incoming> ReadAsync(HttpContext context, ClusterTransportClient transport, ILogger logger, CancellationToken ct)
    {
        string? recipient = null;
        string? typeId = null;
        try
        {
            var body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: ct);
            if (!TransportWire.TryReadRequest(body, out recipient, out typeId, out var json, out var sender, out var invalid))
            {
                return BadRequest(logger, recipient, typeId, invalid);
            }

            var message = transport.Serializer.Deserialize(typeId, json);
            var senderRef = sender is null ? null : transport.ResolveSender(sender);
            if (transport.ResolveLocal(recipient) is not { } target)
            {
                ClusterTransportLog.RecipientNotFound(logger, recipient);
                return new Incoming(recipient, null, null, null, Failure(
                    StatusCodes.Status404NotFound,
                    ClusterTransportException.RecipientNotFound,
                    $"No actor at {recipient} on {transport.Options.LocalAddress}."));
            }

            return new Incoming(recipient, target, message, senderRef, null);
        }
        catch (Exception e) when (e is JsonException or SerializationException or FormatException or ArgumentException)
        {
            return BadRequest(logger, recipient, typeId, e.Message);
        }
    }

    private static Incoming BadRequest(ILogger logger, string? recipient, string? typeId, string reason)
    {
        ClusterTransportLog.BadRequest(logger, recipient, typeId, reason);
        return new Incoming(recipient, null, null, null, Failure(StatusCodes.Status400BadRequest, ClusterTransportException.BadRequest, reason));
    }

    private static bool SecretMatches(string presented, byte[] secret) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), secret);

    private static ContentHttpResult Failure(int statusCode, string error, string message) =>
        Json(statusCode, TransportWire.Error(error, message));

    private static ContentHttpResult Json(int statusCode, JsonObject body) =>
        TypedResults.Text(body.ToJsonString(), TransportWire.JsonMediaType, Encoding.UTF8, statusCode);

    private sealed record Incoming(string? Path, IActorRef? Recipient, object? Message, IActorRef? Sender, ContentHttpResult? Error);
}
