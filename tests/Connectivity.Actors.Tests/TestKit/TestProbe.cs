using System.Threading.Channels;

namespace Connectivity.Actors.Tests.TestKit;

/// <summary>A reference that records what it is told, for tests to await in order.</summary>
public sealed class TestProbe : IActorRef
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);
    private readonly Channel<(object Message, IActorRef? Sender)> _received = Channel.CreateUnbounded<(object, IActorRef?)>();

    public ActorPath Path { get; } = ActorPath.Parse("/probe");

    /// <summary>The sender of the message last returned by an expect method.</summary>
    public IActorRef? LastSender { get; private set; }

    public void Tell(object message, IActorRef? sender = null) => _received.Writer.TryWrite((message, sender));

    public async Task<object> ExpectAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        var (message, sender) = await _received.Reader.ReadAsync(patience.Token);
        LastSender = sender;
        return message;
    }

    public async Task<T> ExpectAsync<T>()
    {
        var message = await ExpectAsync();
        return Assert.IsType<T>(message);
    }

    public async Task ExpectAsync(object expected) => Assert.Equal(expected, await ExpectAsync());

    /// <summary>Reads <paramref name="count"/> messages.</summary>
    public async Task<IReadOnlyList<object>> ExpectManyAsync(int count)
    {
        var messages = new List<object>(count);
        for (var i = 0; i < count; i++)
        {
            messages.Add(await ExpectAsync());
        }

        return messages;
    }

    public bool HasPending => _received.Reader.Count > 0;
}
