namespace Connectivity.Actors;

/// <summary>An immutable recipe for an actor: its factory, the strategy it applies to its children, its throughput.</summary>
public sealed class Props
{
    private Props(Func<ActorBase> factory, SupervisorStrategy? supervisorStrategy, int? throughput)
    {
        Factory = factory;
        SupervisorStrategy = supervisorStrategy;
        Throughput = throughput;
    }

    internal Func<ActorBase> Factory { get; }

    /// <summary>The strategy this actor applies to its children; null means <see cref="SupervisorStrategy.Default"/>.</summary>
    public SupervisorStrategy? SupervisorStrategy { get; }

    /// <summary>Messages per scheduling turn; null means the system's default.</summary>
    public int? Throughput { get; }

    /// <summary>Props whose instances (the first and every restart) come from <paramref name="factory"/>.</summary>
    public static Props Create<TActor>(Func<TActor> factory)
        where TActor : ActorBase
    {
        ArgumentNullException.ThrowIfNull(factory);
        return new Props(factory, null, null);
    }

    public Props WithSupervisorStrategy(SupervisorStrategy strategy)
    {
        ArgumentNullException.ThrowIfNull(strategy);
        return new Props(Factory, strategy, Throughput);
    }

    public Props WithThroughput(int messagesPerTurn)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(messagesPerTurn, 1);
        return new Props(Factory, SupervisorStrategy, messagesPerTurn);
    }
}
