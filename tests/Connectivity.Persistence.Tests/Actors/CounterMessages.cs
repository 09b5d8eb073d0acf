namespace Connectivity.Persistence.Tests.Actors;

/// <summary>Persists <see cref="Incremented"/> events, then replies with the <see cref="CounterState"/>.</summary>
public sealed record Increment(int By, int Times = 1);

public sealed record GetCount;

/// <summary>Makes the counter throw, so its supervisor restarts it.</summary>
public sealed record Crash;

public sealed record DeleteEventsUpTo(long SequenceNr);

public sealed record Incremented(int By);

public sealed record CounterState(long Count, long LastSequenceNr);
