using System.Net;
using System.Net.Security;
using System.Net.Sockets;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Connectivity.Service.Monitoring.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Connectivity.Service.Tests.Monitoring.Fluent;

/// <summary>
/// <see cref="FluencyOptions.SslEnabled"/> against an in-process TLS server (forward_sink.py has no TLS) with a
/// certificate made here: the server decodes what arrives with <see cref="MessagePackReader"/> and acknowledges it.
/// </summary>
public class FluentForwardClientTlsTests
{
    [Fact]
    public async Task Emit_should_deliver_over_tls_when_ssl_is_enabled_and_the_certificate_is_accepted()
    {
        using var certificate = SelfSigned("localhost");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var received = ReceiveOneMessageAsync(listener, certificate);
        var options = new FluencyOptions
        {
            Host = "localhost",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            SslEnabled = true,
            AckResponseMode = true,
            FlushAttemptInterval = TimeSpan.FromMilliseconds(20),
            BufferChunkRetentionTime = TimeSpan.Zero,
        };
        string? presented = null;
        await using var client = new FluentForwardClient(options, TimeProvider.System, NullLogger<FluentForwardClient>.Instance,
            (_, cert, _, _) =>
            {
                presented = cert?.Subject;
                return cert is not null && cert.GetCertHashString() == certificate.GetCertHashString();
            });

        client.Emit("secure.tag", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000), [new("n", "over tls")]);
        var message = await received.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("CN=localhost", presented);
        Assert.Equal("secure.tag", message[0]);
        Assert.True(MessagePackReader.TryRead(Assert.IsType<byte[]>(message[1]), out var entry, out _));
        var pair = Assert.IsType<object?[]>(entry);
        Assert.Equal(0, Assert.IsType<MessagePackExtension>(pair[0]).Type);
        Assert.Equal("over tls", Assert.IsType<Dictionary<object, object?>>(pair[1])["n"]);
        await FluentForwardClientTests.WaitUntilAsync(() => client.SentCount == 1);
    }

    [Fact]
    public async Task Sender_should_not_send_when_the_server_certificate_is_not_trusted_by_the_system()
    {
        using var certificate = SelfSigned("localhost");
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var handshake = HandshakeOnceAsync(listener, certificate);
        var options = new FluencyOptions
        {
            Host = "localhost",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            SslEnabled = true,
            FlushAttemptInterval = TimeSpan.FromMilliseconds(20),
            BufferChunkRetentionTime = TimeSpan.Zero,
            SenderMaxRetryCount = 0,
        };
        await using var client = new FluentForwardClient(options, TimeProvider.System, NullLogger<FluentForwardClient>.Instance);

        client.Emit("secure.tag", DateTimeOffset.UtcNow, [new("n", "not for an untrusted server")]);
        await FluentForwardClientTests.WaitUntilAsync(() => client.DroppedCount == 1);

        Assert.Equal(0, client.SentCount);
        await handshake;
    }

    private static async Task HandshakeOnceAsync(TcpListener listener, X509Certificate2 certificate)
    {
        using var tcp = await listener.AcceptTcpClientAsync();
        await using var tls = new SslStream(tcp.GetStream());
        try
        {
            await tls.AuthenticateAsServerAsync(certificate);
        }
        catch (Exception e) when (e is System.Security.Authentication.AuthenticationException or IOException)
        {
            // The client refused the certificate (with TLS 1.2 this side sees it; with 1.3 only the client does).
        }
    }

    private static async Task<object?[]> ReceiveOneMessageAsync(TcpListener listener, X509Certificate2 certificate)
    {
        using var tcp = await listener.AcceptTcpClientAsync();
        await using var tls = new SslStream(tcp.GetStream());
        await tls.AuthenticateAsServerAsync(certificate);
        var buffer = new byte[64 * 1024];
        var filled = 0;
        object? value;
        int consumed;
        while (!MessagePackReader.TryRead(buffer.AsSpan(0, filled), out value, out consumed))
        {
            var read = await tls.ReadAsync(buffer.AsMemory(filled));
            Assert.NotEqual(0, read);
            filled += read;
        }

        var message = Assert.IsType<object?[]>(value);
        var chunk = (string)Assert.IsType<Dictionary<object, object?>>(message[2])["chunk"]!;
        await tls.WriteAsync(Convert.FromHexString("81a361636b").Concat(Str(chunk)).ToArray());
        Assert.Equal(filled, consumed);
        return message;
    }

    private static byte[] Str(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return [(byte)(0xa0 | bytes.Length), .. bytes];
    }

    private static X509Certificate2 SelfSigned(string name)
    {
        using var key = RSA.Create(2048);
        var request = new CertificateRequest($"CN={name}", key, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        var san = new SubjectAlternativeNameBuilder();
        san.AddDnsName(name);
        request.CertificateExtensions.Add(san.Build());
        using var created = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddHours(1));
        return X509CertificateLoader.LoadPkcs12(created.Export(X509ContentType.Pfx), null);
    }
}
