using Connectivity.Actors;

namespace Connectivity.Cluster.Tests.Transport;

/// <summary>An actor whose behaviour is a lambda over (message, sender, self).</summary>
public sealed class LambdaActor(Action<object, IActorRef, IActorRef> receive) : ActorBase
{
    public static Props Props(Action<object, IActorRef, IActorRef> receive) => Actors.Props.Create(() => new LambdaActor(receive));

    /// <summary>Replies <see cref="Pong"/> to every <see cref="Ping"/>.</summary>
    public static Props Echo() => Props((message, sender, self) =>
    {
        if (message is Ping ping)
        {
            sender.Tell(new Pong(ping.Text), self);
        }
    });

    /// <summary>Writes every message into <paramref name="inbox"/>.</summary>
    public static Props Recording(System.Threading.Channels.ChannelWriter<object> inbox) => Props((message, _, _) => inbox.TryWrite(message));

    protected override ValueTask OnReceive(object message)
    {
        receive(message, Sender, Self);
        return default;
    }
}
