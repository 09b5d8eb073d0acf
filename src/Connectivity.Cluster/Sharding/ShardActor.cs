using Connectivity.Actors;

namespace Connectivity.Cluster.Sharding;

/// <summary>
/// One shard: creates its entities on demand as children named by entity id, and passivates them on request while
/// buffering what arrives for them meanwhile, so that nothing sent to a passivating entity is lost. On
/// <see cref="DrainAndStop"/> (hand-off) every entity first finishes the messages already in its mailbox.
/// Failing entities are restarted with exponential backoff (1 s to 120 s), as Ditto restarts a connection actor.
/// </summary>
public sealed class ShardActor(Func<string, Props> entityProps) : ActorBase
{
    private readonly Dictionary<string, List<(ShardingEnvelope Envelope, IActorRef Sender)>> passivating = [];
    private bool draining;

    public static Props Props(Func<string, Props> entityProps) =>
        Actors.Props.Create(() => new ShardActor(entityProps))
            .WithSupervisorStrategy(new OneForOneStrategy(
                maxNrOfRetries: -1,
                withinTimeRange: Timeout.InfiniteTimeSpan,
                decider: _ => Directive.Restart,
                backoff: new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(120))));

    protected override ValueTask OnReceive(object message)
    {
        switch (message)
        {
            case DrainAndStop:
                draining = true;
                foreach (var entity in Context.Children)
                {
                    entity.Tell(PoisonPill.Instance, Self);
                }

                StopWhenDrained();
                break;
            case ShardingEnvelope envelope when draining:
                // Arrived after the hand-off began: the region buffers it until the shard's new owner is known.
                Context.Parent.Tell(envelope, Sender);
                break;
            case ShardingEnvelope envelope when passivating.TryGetValue(envelope.EntityId, out var buffer):
                buffer.Add((envelope, Sender));
                break;
            case ShardingEnvelope envelope:
                Deliver(envelope, Sender);
                break;
            case Passivate passivate when IsLiveEntity(Sender) && !passivating.ContainsKey(Sender.Path.Name):
                passivating[Sender.Path.Name] = [];
                Sender.Tell(passivate.StopMessage, Self);
                break;
            case Passivate:
                // Already passivating, or from an entity that has stopped (its Terminated, a system message, came first).
                break;
            case Terminated when draining:
                StopWhenDrained();
                break;
            case Terminated terminated:
                var id = terminated.ActorRef.Path.Name;
                if (passivating.Remove(id, out var buffered))
                {
                    foreach (var (envelope, sender) in buffered)
                    {
                        Deliver(envelope, sender);
                    }
                }

                break;
            default:
                Unhandled(message);
                break;
        }

        return default;
    }

    private void StopWhenDrained()
    {
        if (Context.Children.Count == 0)
        {
            Context.Stop(Self);
        }
    }

    /// <summary>Hands the message to its entity, unless its sender has stopped waiting for it (then: dead letters).</summary>
    private void Deliver(ShardingEnvelope envelope, IActorRef sender)
    {
        if (envelope.Deadline is { } deadline && Context.System.TimeProvider.GetUtcNow() > deadline)
        {
            Context.System.DeadLetters.Tell(envelope.Message, sender);
        }
        else
        {
            EntityOf(envelope.EntityId).Tell(envelope.Message, sender);
        }
    }

    private bool IsLiveEntity(IActorRef sender) => Context.Child(sender.Path.Name) is { } child && child.Equals(sender);

    private IActorRef EntityOf(string entityId) =>
        Context.Child(entityId) ?? Context.Watch(Context.ActorOf(entityProps(entityId), entityId));
}
