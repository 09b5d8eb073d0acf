using System.Threading.Channels;
using Connectivity.Actors;
using Connectivity.Cluster.Sharding;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;
using Connectivity.Model.Responses;
using Connectivity.Model.Signals;
using Connectivity.Persistence.Journal;
using Connectivity.Persistence.Sqlite;
using Connectivity.Service.Connections;
using Connectivity.Service.Root;
using Xunit;

namespace Connectivity.Service.Tests.Root;

/// <summary>
/// The id retrieval as a cluster singleton: a command that arrives while no node holds the singleton lease, or while
/// its holder cannot be reached, waits and is answered once the singleton is found; a 503 only after its timeout.
/// </summary>
public sealed class ConnectionIdsRetrievalActorTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"ids-retrieval-{Guid.NewGuid():N}.db");
    private readonly MovingLocator locator = new();
    private readonly FlakyRemote remote = new();
    private SqliteStore store = null!;
    private ActorSystem system = null!;

    public async Task InitializeAsync()
    {
        store = await SqliteStore.OpenAsync(databasePath);
        await store.Journal.WriteAsync([
            new PersistentRepr("connection:kept", 1, "created", "{}", [ConnectionJournalTags.Active], DateTimeOffset.UtcNow),
        ]);
        system = ActorSystem.Create("ids-retrieval-tests");
    }

    public async Task DisposeAsync()
    {
        await system.Terminate();
        await store.DisposeAsync();
        File.Delete(databasePath);
    }

    [Fact]
    public async Task Command_should_wait_while_the_singleton_has_no_holder_and_be_answered_when_this_node_takes_it()
    {
        var retrieval = Retrieval();

        var answer = retrieval.Ask<IConnectivityResponse>(new RetrieveAllConnectionIds(DittoHeaders.Empty), Patience);
        await Task.Delay(300);
        Assert.False(answer.IsCompleted, "answered while no node held the singleton");
        locator.Local = true;

        var response = Assert.IsType<RetrieveAllConnectionIdsResponse>(await answer.WaitAsync(Patience));
        Assert.Equal(["kept"], response.ConnectionIds);
    }

    [Fact]
    public async Task Command_should_be_forwarded_again_when_the_holder_could_not_be_reached()
    {
        locator.Owner = "http://10.0.0.9:8080";
        remote.FailuresLeft = 2;
        var retrieval = Retrieval();

        retrieval.Tell(new RetrieveAllConnectionIds(DittoHeaders.Empty));

        var (address, command) = await remote.Forwarded.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal("http://10.0.0.9:8080", address);
        Assert.IsType<RetrieveAllConnectionIds>(command);
        Assert.Equal(3, remote.Attempts);
    }

    [Fact]
    public async Task Command_should_get_a_503_when_no_singleton_is_found_within_its_timeout()
    {
        var retrieval = Retrieval();
        var headers = DittoHeaders.Empty.With(DittoHeaders.TimeoutKey, "400ms");

        var response = await retrieval.Ask<IConnectivityResponse>(new RetrieveAllConnectionIds(headers), Patience).WaitAsync(Patience);

        var error = Assert.IsType<ConnectivityErrorResponse>(response);
        Assert.Equal(503, error.Status);
        Assert.Equal("connectivity:connection.unavailable", error.Error.ErrorCode);
    }

    private IActorRef Retrieval() =>
        system.ActorOf(ConnectionIdsRetrievalActor.Props(store.Journal, new RootSingleton(locator, remote)), "connectionIdsRetrieval");

    private sealed class MovingLocator : IShardLocator
    {
        public volatile bool Local;
        public volatile string? Owner;

        public bool IsLocal(string shardId) => Local;

        public string? OwnerAddress(string shardId) => Owner;
    }

    private sealed class FlakyRemote : IRemoteRegion
    {
        private int attempts;
        public volatile int FailuresLeft;

        public Channel<(string Address, object Message)> Forwarded { get; } = Channel.CreateUnbounded<(string, object)>();

        public int Attempts => Volatile.Read(ref attempts);

        public Task ForwardAsync(string nodeAddress, string regionPath, object message, IActorRef sender, TimeSpan timeout)
        {
            Interlocked.Increment(ref attempts);
            if (Interlocked.Decrement(ref FailuresLeft) >= 0)
            {
                throw new HttpRequestException("connection refused");
            }

            Forwarded.Writer.TryWrite((nodeAddress, message));
            return Task.CompletedTask;
        }
    }
}
