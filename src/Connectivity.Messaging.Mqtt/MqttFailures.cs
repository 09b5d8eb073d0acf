using System.Net.Sockets;
using System.Security.Authentication;
using Connectivity.Protocols.Mqtt;
using Connectivity.Protocols.Mqtt.Client;
using Connectivity.Service.Clients;

namespace Connectivity.Messaging.Mqtt;

/// <summary>
/// MQTT failures as <see cref="ConnectionFailureException"/>s (spec §4.5): credentials refused in CONNACK ⇒
/// unauthorized; any other CONNACK refusal, a TLS failure (a failed handshake, or a TLS alert right after it such as
/// "certificate required") or an unresolvable host ⇒ misconfigured; a refused, reset or
/// timed-out connection ⇒ failed. A DISCONNECT from the broker is misconfigured when its reason names the configuration.
/// </summary>
internal static class MqttFailures
{
    private static readonly HashSet<MqttDisconnectReasonCode> ConfigurationReasons =
    [
        MqttDisconnectReasonCode.NotAuthorized,
        MqttDisconnectReasonCode.SessionTakenOver,
        MqttDisconnectReasonCode.TopicFilterInvalid,
        MqttDisconnectReasonCode.TopicNameInvalid,
        MqttDisconnectReasonCode.PacketTooLarge,
        MqttDisconnectReasonCode.PayloadFormatInvalid,
        MqttDisconnectReasonCode.RetainNotSupported,
        MqttDisconnectReasonCode.QoSNotSupported,
        MqttDisconnectReasonCode.UseAnotherServer,
        MqttDisconnectReasonCode.ServerMoved,
        MqttDisconnectReasonCode.SharedSubscriptionsNotSupported,
        MqttDisconnectReasonCode.SubscriptionIdentifiersNotSupported,
        MqttDisconnectReasonCode.WildcardSubscriptionsNotSupported,
    ];

    /// <summary>Why connecting to <paramref name="maskedUri"/> with <paramref name="version"/> failed.</summary>
    public static ConnectionFailureException OfConnect(Exception e, string maskedUri, MqttProtocolVersion version) => e switch
    {
        ConnectionFailureException failure => failure,
        MqttConnectException { IsAuthenticationFailure: true } refused =>
            ConnectionFailureException.Unauthorized($"The MQTT broker at {maskedUri} refused the connection: {Reason(refused, version)}.", e),
        MqttConnectException refused =>
            ConnectionFailureException.Misconfigured($"The MQTT broker at {maskedUri} refused the connection: {Reason(refused, version)}.", e),
        _ when Find<AuthenticationException>(e) is { } tls =>
            ConnectionFailureException.Misconfigured($"The TLS handshake with {maskedUri} failed: {tls.Message}", e),
        _ when FindTlsAlert(e) is { } alert =>
            ConnectionFailureException.Misconfigured($"The TLS session with {maskedUri} was refused: {Innermost(alert).Message}", e),
        _ when Find<SocketException>(e) is { SocketErrorCode: SocketError.HostNotFound or SocketError.NoData } =>
            ConnectionFailureException.Misconfigured($"The host of {maskedUri} could not be resolved.", e),
        _ => ConnectionFailureException.Failed($"The connection to {maskedUri} failed: {Innermost(e).Message}", e),
    };

    /// <summary>Why an established connection to <paramref name="maskedUri"/> ended.</summary>
    public static ConnectionFailureException OfDisconnect(MqttClientDisconnectedEventArgs lost, string maskedUri)
    {
        if (lost.Disconnect is { } disconnect)
        {
            var message = $"The MQTT broker at {maskedUri} closed the connection: " +
                MqttReasonText.Of(disconnect.ReasonCode.ToString(), (byte)disconnect.ReasonCode) +
                (disconnect.ReasonString is { Length: > 0 } text ? $" ({text})." : ".");
            return ConfigurationReasons.Contains(disconnect.ReasonCode)
                ? ConnectionFailureException.Misconfigured(message, lost.Exception)
                : ConnectionFailureException.Failed(message, lost.Exception);
        }

        var cause = lost.Exception is { } exception ? Innermost(exception).Message : "closed by the peer";
        return ConnectionFailureException.Failed($"The connection to {maskedUri} was lost: {cause}", lost.Exception);
    }

    /// <summary>The CONNACK reason in words with its code: the v5 reason code, or the 3.1.1 return code (MQTT 3.1.1 §3.2.2.3).</summary>
    private static string Reason(MqttConnectException refused, MqttProtocolVersion version)
    {
        var code = refused.ReasonCode;
        byte? returnCode = code switch
        {
            MqttConnectReasonCode.UnsupportedProtocolVersion => 1,
            MqttConnectReasonCode.ClientIdentifierNotValid => 2,
            MqttConnectReasonCode.ServerUnavailable => 3,
            MqttConnectReasonCode.BadUserNameOrPassword => 4,
            MqttConnectReasonCode.NotAuthorized => 5,
            _ => null,
        };
        var words = version == MqttProtocolVersion.V311 && returnCode is { } v3
            ? MqttReasonText.Of(code.ToString(), v3, isReturnCode: true)
            : MqttReasonText.Of(code.ToString(), (byte)code);
        return words + (refused.ReasonString is { Length: > 0 } text ? $": {text}" : string.Empty);
    }

    private static T? Find<T>(Exception? e)
        where T : Exception
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e is T found)
            {
                return found;
            }
        }

        return null;
    }

    /// <summary>
    /// A TLS alert the server sent after the handshake, e.g. TLS 1.3's "certificate required" when a client certificate
    /// is missing or refused: on Linux it surfaces as OpenSSL's (internal) <c>SslException</c> under an IOException.
    /// </summary>
    private static Exception? FindTlsAlert(Exception? e)
    {
        for (; e is not null; e = e.InnerException)
        {
            if (e.GetType().Name == "SslException")
            {
                return e;
            }
        }

        return null;
    }

    private static Exception Innermost(Exception e) => e.InnerException is { } inner ? Innermost(inner) : e;
}
