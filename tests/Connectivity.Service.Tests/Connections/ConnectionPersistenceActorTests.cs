using Connectivity.Actors;
using Connectivity.Cluster.Sharding;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Model.Signals;
using Connectivity.Model.Validation;
using Connectivity.Persistence.Actors;
using Connectivity.Persistence.Sqlite;
using Connectivity.Service.Clients;
using Connectivity.Service.Connections;
using Connectivity.Service.Monitoring;
using Connectivity.Service.Tests.Clients;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;
using Connectivity.TestKit.Time;

namespace Connectivity.Service.Tests.Connections;

/// <summary>
/// The connection actor in its region on a real SQLite journal and a manual clock: passivation of idle closed
/// connections, open ones kept alive, and open ones reopening after a restart of the actor or of the whole system.
/// </summary>
public sealed class ConnectionPersistenceActorTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider time = new();
    private readonly ScriptedConnectionClientFactory clients = new();
    private readonly string databasePath = Path.Combine(Path.GetTempPath(), $"connection-actor-{Guid.NewGuid():N}.db");
    private SqliteStore store = null!;
    private ActorSystem system = null!;
    private IActorRef region = null!;

    public async Task InitializeAsync()
    {
        store = await SqliteStore.OpenAsync(databasePath);
        StartSystem();
    }

    public async Task DisposeAsync()
    {
        await system.Terminate();
        await store.DisposeAsync();
        File.Delete(databasePath);
    }

    [Fact]
    public async Task Closed_connection_should_passivate_when_idle_and_come_back_on_the_next_command()
    {
        await AskAsync(new CreateConnection(TestConnections.HttpPush("idle"), DittoHeaders.Empty));
        Assert.NotNull(EntityOf("idle"));

        time.Advance(TimeSpan.FromMinutes(46));

        await Until(() => EntityOf("idle") is null);
        var retrieved = await AskAsync(new RetrieveConnection("idle", null, DittoHeaders.Empty));
        Assert.Equal(200, retrieved.Status);
    }

    [Fact]
    public async Task Open_connection_should_never_passivate()
    {
        await AskAsync(new CreateConnection(TestConnections.HttpPush("busy", status: "open"), DittoHeaders.Empty));
        (await clients.NextAsync()).Succeed();
        await UntilOpen("busy");

        time.Advance(TimeSpan.FromHours(2));

        Assert.Equal(LiveStatus.Open, await LiveStatusOf("busy"));
        Assert.NotNull(EntityOf("busy"));
    }

    [Fact]
    public async Task Open_connection_should_reopen_when_its_actor_is_stopped_and_woken_again()
    {
        await AskAsync(new CreateConnection(TestConnections.HttpPush("phoenix", status: "open"), DittoHeaders.Empty));
        var first = await clients.NextAsync();
        first.Succeed();
        system.Stop(EntityOf("phoenix")!);
        await Until(() => EntityOf("phoenix") is null);

        region.Tell(new StartEntity("phoenix"));

        var second = await clients.NextAsync();
        second.Succeed();
        await first.Disposed;
        await UntilOpen("phoenix");
    }

    [Fact]
    public async Task Open_connections_should_reopen_by_themselves_when_the_service_restarts()
    {
        await AskAsync(new CreateConnection(TestConnections.HttpPush("always", status: "open"), DittoHeaders.Empty));
        await AskAsync(new CreateConnection(TestConnections.HttpPush("never"), DittoHeaders.Empty));
        (await clients.NextAsync()).Succeed();
        await system.Terminate();

        StartSystem();

        var reopened = await clients.NextAsync();
        Assert.Equal("always", reopened.Context.ConnectionId);
        reopened.Succeed();
        await Until(() => EntityOf("always") is not null);
        Assert.Null(EntityOf("never"));
        Assert.Equal(2, clients.Count);
    }

    private void StartSystem()
    {
        system = ActorSystem.Create("connection-actor-tests", new ActorSystemSettings { TimeProvider = time });
        PersistenceExtension.Register(system, new PersistenceSettings(store.Journal, store.Snapshots));
        var dependencies = new ConnectionActorDependencies(
            new ConnectionValidator(ConnectivityLimits.Default),
            new Dictionary<ConnectionType, IConnectionClientFactory> { [ConnectionType.HttpPush] = clients },
            new ClientActorSettings { InstanceId = "test-node" },
            new ConnectionLoggerOptions(),
            NoClientAnnouncements.Instance,
            NullLoggerFactory.Instance);
        var journal = store.Journal;
        region = system.SystemActorOf(
            ShardRegionActor.Props(new ShardRegionSettings(
                id => ConnectionPersistenceActor.Props(id, dependencies, time),
                message => (message as IConnectionCommand)?.ConnectionId,
                async ct => (await journal.PersistenceIdsByTagAsync(ConnectionJournalTags.AlwaysAlive, ct)).Select(ConnectionJournalTags.ConnectionIdOf).ToList())),
            "connection");
    }

    private async Task<IConnectivityResponse> AskAsync(IConnectionCommand command) =>
        await region.Ask<IConnectivityResponse>(command, Patience).WaitAsync(Patience);

    private async Task<string> LiveStatusOf(string connectionId) =>
        Assert.IsType<RetrieveConnectionStatusResponse>(await AskAsync(new RetrieveConnectionStatus(connectionId, DittoHeaders.Empty))).LiveStatus;

    private async Task UntilOpen(string connectionId)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (await LiveStatusOf(connectionId) != LiveStatus.Open)
        {
            await Task.Delay(10, deadline.Token);
        }
    }

    private IActorRef? EntityOf(string connectionId) =>
        system.ResolvePath($"/system/connection/{StableHash.ShardOf(connectionId, 100)}/{connectionId}");

    private static async Task Until(Func<bool> condition)
    {
        using var deadline = new CancellationTokenSource(Patience);
        while (!condition())
        {
            await Task.Delay(10, deadline.Token);
        }
    }
}
