using System.IO.Pipelines;

namespace Connectivity.Protocols.Mqtt.Channels;

/// <summary>
/// A byte stream to an MQTT server (TCP, TLS) as a pair of pipes. Disposing closes the connection;
/// a closed connection shows as a completed <see cref="Input"/>.
/// </summary>
public interface IMqttChannel : IAsyncDisposable
{
    /// <summary>Bytes from the server.</summary>
    PipeReader Input { get; }

    /// <summary>Bytes to the server; flushing sends them.</summary>
    PipeWriter Output { get; }

    /// <summary>Where the channel is connected to (for log lines), e.g. <c>127.0.0.1:1883</c>.</summary>
    string Endpoint { get; }
}
