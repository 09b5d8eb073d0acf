using System.Threading.Channels;
using Connectivity.Model.Connections;
using Connectivity.Service.Clients;

namespace Connectivity.Service.Tests.Clients;

/// <summary>Hands every created <see cref="ScriptedConnectionClient"/> to the test, in creation order.</summary>
public sealed class ScriptedConnectionClientFactory : IConnectionClientFactory
{
    private readonly Channel<ScriptedConnectionClient> created = Channel.CreateUnbounded<ScriptedConnectionClient>();
    private int count;

    public ConnectionType Type => ConnectionType.HttpPush;

    /// <summary>Whether the clients created from now on keep connecting when their connect is cancelled.</summary>
    public bool IgnoreCancellation { get; set; }

    /// <summary>Clients created so far.</summary>
    public int Count => Volatile.Read(ref count);

    public IConnectionClient Create(Connection connection, ClientContext context)
    {
        var client = new ScriptedConnectionClient(connection, context) { IgnoreCancellation = IgnoreCancellation };
        Interlocked.Increment(ref count);
        created.Writer.TryWrite(client);
        return client;
    }

    /// <summary>The next client the actor creates (waits for it).</summary>
    public async Task<ScriptedConnectionClient> NextAsync()
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await created.Reader.ReadAsync(patience.Token);
    }
}
