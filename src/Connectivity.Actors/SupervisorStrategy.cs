namespace Connectivity.Actors;

/// <summary>How an actor treats the failures of its children (set with <see cref="Props.WithSupervisorStrategy"/>).</summary>
public abstract class SupervisorStrategy
{
    private protected SupervisorStrategy()
    {
    }

    /// <summary>Restart on any exception, without limit; stop a child that failed to initialise.</summary>
    public static SupervisorStrategy Default { get; } = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, DefaultDecider);

    /// <summary>The decider of <see cref="Default"/>.</summary>
    public static Directive DefaultDecider(Exception cause) =>
        cause is ActorInitializationException ? Directive.Stop : Directive.Restart;

    /// <summary>Decides for one failure of the child whose history is <paramref name="stats"/>.</summary>
    internal abstract SupervisionDecision Handle(Exception cause, ChildRestartStats stats, DateTimeOffset now);
}
