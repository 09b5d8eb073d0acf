using Connectivity.Service.Messaging;
using Connectivity.Service.Monitoring;
using Microsoft.Extensions.Logging;

namespace Connectivity.Service.Clients;

/// <summary>
/// What a <see cref="IConnectionClient"/> gets from its client actor: which client it is, where to log (service log and
/// connection log), the clock,
/// the callback that reports a connection lost after it had been established, and the sink of consumed messages.
/// </summary>
/// <param name="ConnectionId">The id of the connection.</param>
/// <param name="ClientIndex">The index of the client actor among the connection's <c>clientCount</c> clients.</param>
/// <param name="ClientId">The instance name reported as <c>client</c> in resource statuses (spec §3.5).</param>
/// <param name="LoggerFactory">Source of the client's service loggers.</param>
/// <param name="TimeProvider">The clock for timestamps and timers.</param>
/// <param name="OnConnectionLost">Tells the client actor that the established connection broke; safe to call from any thread.</param>
/// <param name="ConnectionLog">The connection log (spec §5.2) for entries only the binding knows of, e.g. a refused subscription.</param>
/// <param name="InboundSink">Where the client hands the messages its sources consumed; safe to call from any thread.</param>
public sealed record ClientContext(
    string ConnectionId,
    int ClientIndex,
    string ClientId,
    ILoggerFactory LoggerFactory,
    TimeProvider TimeProvider,
    Action<Exception> OnConnectionLost,
    ConnectionLogger ConnectionLog,
    IInboundMessageSink InboundSink);
