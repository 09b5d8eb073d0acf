using System.Globalization;
using Connectivity.Actors;
using Connectivity.Persistence.Actors;

namespace Connectivity.Persistence.Tests.Actors;

/// <summary>The smallest persistent actor: a count that survives restarts, tagged "counter", snapshotting its count.</summary>
public sealed class CounterActor(string persistenceId) : PersistentActor
{
    private long count;

    protected override string PersistenceId => persistenceId;

    protected override IEventAdapter EventAdapter => CounterEventAdapter.Instance;

    public static Props Props(string persistenceId) => Connectivity.Actors.Props.Create(() => new CounterActor(persistenceId));

    protected override void ApplyEvent(object evt) => count += ((Incremented)evt).By;

    protected override IReadOnlyList<string> TagsFor(object evt) => ["counter"];

    protected override (string Manifest, string Payload)? CreateSnapshot() =>
        ("counter.state", count.ToString(CultureInfo.InvariantCulture));

    protected override void ApplySnapshot(string manifest, string payload) =>
        count = long.Parse(payload, CultureInfo.InvariantCulture);

    protected override async ValueTask OnReceive(object message)
    {
        switch (message)
        {
            case Increment increment:
                await PersistAsync([.. Enumerable.Repeat<object>(new Incremented(increment.By), increment.Times)]);
                Sender.Tell(State);
                break;
            case GetCount:
                Sender.Tell(State);
                break;
            case DeleteEventsUpTo delete:
                await DeleteMessagesAsync(delete.SequenceNr);
                Sender.Tell(State);
                break;
            case Crash:
                throw new InvalidOperationException("Crash requested.");
            default:
                Unhandled(message);
                break;
        }
    }

    private CounterState State => new(count, LastSequenceNr);
}
