namespace Connectivity.Actors.Tests.TestKit;

/// <summary>An actor whose behaviour and hooks are lambdas, so each test states only what it needs.</summary>
public sealed class DelegateActor(Func<DelegateActor, object, ValueTask> receive) : ActorBase
{
    public Func<DelegateActor, ValueTask>? OnPreStart { get; init; }

    public Func<DelegateActor, ValueTask>? OnPostStop { get; init; }

    public Func<DelegateActor, Exception, ValueTask>? OnPreRestart { get; init; }

    public Func<DelegateActor, Exception, ValueTask>? OnPostRestart { get; init; }

    public new IActorContext Context => base.Context;

    public new IActorRef Self => base.Self;

    public new IActorRef Sender => base.Sender;

    public new void Unhandled(object message) => base.Unhandled(message);

    /// <summary>Props for an actor that runs <paramref name="receive"/> synchronously.</summary>
    public static Props Props(Action<DelegateActor, object> receive) =>
        Actors.Props.Create(() => new DelegateActor((self, message) =>
        {
            receive(self, message);
            return default;
        }));

    /// <summary>Props for an actor that forwards everything (with its sender) to <paramref name="probe"/>.</summary>
    public static Props Forwarding(IActorRef probe) => Props((self, message) => probe.Tell(message, self.Sender));

    protected override ValueTask OnReceive(object message) => receive(this, message);

    protected override ValueTask PreStart() => OnPreStart?.Invoke(this) ?? default;

    protected override ValueTask PostStop() => OnPostStop?.Invoke(this) ?? default;

    protected override async ValueTask PreRestart(Exception reason, object? message)
    {
        if (OnPreRestart is not null)
        {
            await OnPreRestart(this, reason);
        }

        await base.PreRestart(reason, message);
    }

    protected override ValueTask PostRestart(Exception reason) => OnPostRestart?.Invoke(this, reason) ?? base.PostRestart(reason);
}
