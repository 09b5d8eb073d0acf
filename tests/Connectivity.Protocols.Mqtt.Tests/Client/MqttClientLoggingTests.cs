using Connectivity.Protocols.Mqtt.Client;
using Connectivity.TestKit.Logging;
using Microsoft.Extensions.Logging;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Client;

/// <summary>Passwords stay out of log lines and printed options.</summary>
public sealed class MqttClientLoggingTests : IDisposable
{
    private const string Password = "pa55-w0rd-never-logged";
    private readonly ScriptedMqttPeer peer = new();

    public void Dispose() => peer.Dispose();

    [Fact]
    public async Task Client_should_not_log_the_password_when_connecting_and_being_refused()
    {
        using var logs = new RecordingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        await using var client = new MqttClient(
            peer.ClientOptions(MqttProtocolVersion.V500) with { Username = "alice", Password = Password }, loggerFactory);
        var connecting = client.ConnectAsync();
        await using var connection = await peer.AcceptAsync();
        await connection.ReadConnectAsync();

        await connection.WriteAsync([0x20, 0x03, 0x00, 0x86, 0x00]);

        await Assert.ThrowsAsync<MqttConnectException>(() => connecting);
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(logs.Lines, line => line.Contains(Password, StringComparison.Ordinal));
    }

    [Fact]
    public void Options_should_mask_the_password_when_printed()
    {
        var options = peer.ClientOptions(MqttProtocolVersion.V311) with { Username = "alice", Password = Password };

        var printed = options.ToString();

        Assert.Contains("alice", printed, StringComparison.Ordinal);
        Assert.DoesNotContain(Password, printed, StringComparison.Ordinal);
    }
}
