using System.Threading.Channels;
using Connectivity.Messaging.Mqtt;
using Connectivity.Model.Connections;
using Connectivity.Service.Clients;
using Connectivity.Service.Monitoring;
using Microsoft.Extensions.Logging.Abstractions;

namespace Connectivity.Service.Tests.Mqtt;

/// <summary>
/// Creates <see cref="MqttConnectionClient"/>s as a client actor would, with a recording sink, an enabled connection log
/// and the reported connection losses; disposes every client it created.
/// </summary>
public sealed class MqttBindingHarness(TimeProvider? clock = null) : IAsyncDisposable
{
    private readonly List<IConnectionClient> created = [];
    private readonly Channel<Exception> lost = Channel.CreateUnbounded<Exception>();

    public TimeProvider Clock { get; } = clock ?? TimeProvider.System;

    public RecordingInboundSink Sink { get; } = new();

    public ConnectionLogger ConnectionLog { get; private set; } = new("conn-1", new ConnectionLoggerOptions(), TimeProvider.System);

    public static Connection Mqtt5(string uri, params Source[] sources) => new()
    {
        Id = "conn-1",
        Type = ConnectionType.Mqtt5,
        ConnectionStatus = ConnectivityStatus.Open,
        Uri = uri,
        Sources = sources,
        Targets = [new Target { Address = "commands/out", Qos = 1 }],
    };

    public static Source Source(int qos, params string[] addresses) =>
        new() { Addresses = addresses, Qos = qos, AuthorizationContext = ["integration:tests"] };

    public IConnectionClient Create(Connection connection, int clientIndex = 0)
    {
        ConnectionLog = new ConnectionLogger(connection.Id, new ConnectionLoggerOptions(), Clock);
        ConnectionLog.Enable();
        var context = new ClientContext(
            connection.Id, clientIndex, "node-1", NullLoggerFactory.Instance, Clock, cause => lost.Writer.TryWrite(cause), ConnectionLog, Sink);
        var client = new MqttConnectionClientFactory(connection.Type, TimeSpan.FromSeconds(5)).Create(connection, context);
        created.Add(client);
        return client;
    }

    /// <summary>Creates and connects a client.</summary>
    public async Task<IConnectionClient> ConnectAsync(Connection connection, int clientIndex = 0)
    {
        var client = Create(connection, clientIndex);
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        await client.ConnectAsync(patience.Token);
        return client;
    }

    /// <summary>The next connection loss a client reported (waits for it).</summary>
    public async Task<Exception> NextLossAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(15));
        return await lost.Reader.ReadAsync(patience.Token);
    }

    public bool AnyLossReported => lost.Reader.TryPeek(out _);

    public async ValueTask DisposeAsync()
    {
        foreach (var client in created)
        {
            await client.DisposeAsync();
        }
    }
}
