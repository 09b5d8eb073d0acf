namespace Connectivity.Actors;

/// <summary>The outcome of a supervisor strategy: a directive and, for a restart, the delay before it.</summary>
internal readonly record struct SupervisionDecision(Directive Directive, TimeSpan Delay);
