using System.Net.Security;
using System.Net.Sockets;

namespace Connectivity.Protocols.Mqtt.Channels;

/// <summary>A TLS channel (MQTT 5 §4.2, §5.4.9): an <see cref="SslStream"/> over TCP, read and written through pipes.</summary>
public sealed class MqttTlsChannel : MqttStreamChannel
{
    private MqttTlsChannel(Socket socket, SslStream stream, string endpoint)
        : base(socket, stream, endpoint)
    {
    }

    /// <summary>Connects to <paramref name="host"/>:<paramref name="port"/> and completes the TLS handshake
    /// (within <paramref name="connectTimeout"/> in all). <see cref="SslClientAuthenticationOptions.TargetHost"/>
    /// defaults to <paramref name="host"/>.</summary>
    /// <exception cref="System.Security.Authentication.AuthenticationException">The handshake failed
    /// (e.g. the server's certificate is not trusted).</exception>
    public static async Task<MqttTlsChannel> ConnectAsync(
        string host, int port, SslClientAuthenticationOptions tls, TimeSpan connectTimeout, CancellationToken cancellationToken)
    {
        var started = TimeProvider.System.GetTimestamp();
        var socket = await ConnectSocketAsync(host, port, connectTimeout, cancellationToken);
        var stream = new SslStream(new NetworkStream(socket, ownsSocket: false), leaveInnerStreamOpen: false);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var left = connectTimeout - TimeProvider.System.GetElapsedTime(started);
        timeout.CancelAfter(left > TimeSpan.Zero ? left : TimeSpan.Zero);
        var options = tls.TargetHost is null ? Clone(tls, host) : tls;
        try
        {
            await stream.AuthenticateAsClientAsync(options, timeout.Token);
            return new MqttTlsChannel(socket, stream, $"{host}:{port}");
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            await stream.DisposeAsync();
            socket.Dispose();
            throw new TimeoutException($"The TLS handshake with {host}:{port} timed out after {connectTimeout}.");
        }
        catch
        {
            await stream.DisposeAsync();
            socket.Dispose();
            throw;
        }
    }

    private static SslClientAuthenticationOptions Clone(SslClientAuthenticationOptions tls, string host) => new()
    {
        TargetHost = host,
        AllowRenegotiation = tls.AllowRenegotiation,
        AllowTlsResume = tls.AllowTlsResume,
        ApplicationProtocols = tls.ApplicationProtocols,
        CertificateChainPolicy = tls.CertificateChainPolicy,
        CertificateRevocationCheckMode = tls.CertificateRevocationCheckMode,
        CipherSuitesPolicy = tls.CipherSuitesPolicy,
        ClientCertificates = tls.ClientCertificates,
        ClientCertificateContext = tls.ClientCertificateContext,
        EnabledSslProtocols = tls.EnabledSslProtocols,
        EncryptionPolicy = tls.EncryptionPolicy,
        LocalCertificateSelectionCallback = tls.LocalCertificateSelectionCallback,
        RemoteCertificateValidationCallback = tls.RemoteCertificateValidationCallback,
    };
}
