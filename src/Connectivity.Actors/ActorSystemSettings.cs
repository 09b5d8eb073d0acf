namespace Connectivity.Actors;

/// <summary>Settings of an <see cref="ActorSystem"/>.</summary>
public sealed record ActorSystemSettings
{
    /// <summary>The clock behind timers, receive timeouts, restart backoff and ask timeouts.</summary>
    public TimeProvider TimeProvider { get; init; } = TimeProvider.System;

    /// <summary>Messages an actor processes per scheduling turn before yielding its thread.</summary>
    public int DefaultThroughput { get; init; } = 30;

    /// <summary>The ask timeout callers use when they have no better one.</summary>
    public TimeSpan DefaultAskTimeout { get; init; } = TimeSpan.FromSeconds(5);

    /// <summary>Replaces the thread pool as the place actor turns run (deterministic tests).</summary>
    internal Action<IThreadPoolWorkItem>? Dispatcher { get; init; }
}
