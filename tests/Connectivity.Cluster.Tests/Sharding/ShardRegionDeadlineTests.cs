using System.Threading.Channels;
using Connectivity.Actors;
using Connectivity.Cluster.Sharding;
using Connectivity.Cluster.Tests.Transport;
using Connectivity.TestKit.Time;
using Xunit;

namespace Connectivity.Cluster.Tests.Sharding;

/// <summary>
/// A message's deadline is stamped once, where it enters the cluster: the region keeps a deadline it was given across
/// forwards, and drops (to dead letters) a message whose deadline has passed instead of delivering it late.
/// </summary>
public sealed class ShardRegionDeadlineTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly ManualTimeProvider time = new();
    private readonly Channel<object> delivered = Channel.CreateUnbounded<object>();
    private readonly Channel<DeadLetter> deadLetters = Channel.CreateUnbounded<DeadLetter>();
    private ActorSystem system = null!;

    public Task InitializeAsync()
    {
        system = ActorSystem.Create("region-deadline-tests", new ActorSystemSettings { TimeProvider = time });
        system.EventStream.Subscribe<DeadLetter>(letter => deadLetters.Writer.TryWrite(letter));
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await system.Terminate();

    [Fact]
    public async Task Region_should_deliver_an_envelope_before_its_deadline_and_drop_one_after_it()
    {
        var region = LocalRegion();

        region.Tell(new ShardingEnvelope("a", "in time", time.GetUtcNow() + TimeSpan.FromSeconds(1)));
        region.Tell(new ShardingEnvelope("a", "too late", time.GetUtcNow() - TimeSpan.FromMilliseconds(1)));

        Assert.Equal("in time", await delivered.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        var dropped = await deadLetters.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal("too late", dropped.Message);
        Assert.False(delivered.Reader.TryRead(out var unexpected), $"delivered after its deadline: {unexpected}");
    }

    [Fact]
    public async Task Region_should_forward_with_the_deadline_it_was_given_rather_than_a_new_one()
    {
        var remote = new RecordingRemoteRegion();
        var given = time.GetUtcNow() + TimeSpan.FromSeconds(3);
        var region = RemoteRegion(remote, messageTimeout: TimeSpan.FromSeconds(60));

        region.Tell(new ShardingEnvelope("b", "forwarded", given));

        var (envelope, timeout) = await remote.Forwarded.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(given, envelope.Deadline);
        Assert.Equal(TimeSpan.FromSeconds(3), timeout);
    }

    [Fact]
    public async Task Region_should_stamp_a_message_without_deadline_with_its_timeout_when_it_enters()
    {
        var remote = new RecordingRemoteRegion();
        var region = RemoteRegion(remote, messageTimeout: TimeSpan.FromSeconds(7));
        var entered = time.GetUtcNow();

        region.Tell("plain message for c");

        var (envelope, _) = await remote.Forwarded.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(entered + TimeSpan.FromSeconds(7), envelope.Deadline);
    }

    private IActorRef LocalRegion() =>
        system.SystemActorOf(ShardRegionActor.Props(Settings()), "local");

    private IActorRef RemoteRegion(IRemoteRegion remote, TimeSpan messageTimeout) =>
        system.SystemActorOf(
            ShardRegionActor.Props(Settings() with
            {
                Cluster = (new ElsewhereLocator(), remote),
                MessageTimeout = _ => messageTimeout,
            }),
            "remote");

    private ShardRegionSettings Settings() => new(
        _ => LambdaActor.Recording(delivered.Writer),
        message => message is string text && text.Split(' ') is [.., var last] ? last : null,
        _ => Task.FromResult<IReadOnlyList<string>>([]));

    /// <summary>Every shard is owned by another node.</summary>
    private sealed class ElsewhereLocator : IShardLocator
    {
        public bool IsLocal(string shardId) => false;

        public string? OwnerAddress(string shardId) => "http://127.0.0.1:1";
    }

    private sealed class RecordingRemoteRegion : IRemoteRegion
    {
        public Channel<(ShardingEnvelope Envelope, TimeSpan Timeout)> Forwarded { get; } = Channel.CreateUnbounded<(ShardingEnvelope, TimeSpan)>();

        public Task ForwardAsync(string nodeAddress, string regionPath, object message, IActorRef sender, TimeSpan timeout)
        {
            Forwarded.Writer.TryWrite(((ShardingEnvelope)message, timeout));
            return Task.CompletedTask;
        }
    }
}
