namespace Connectivity.Model.Events;

/// <summary>
/// A persisted fact about one connection (spec §3.4). <see cref="Type"/> is Ditto's type id, e.g.
/// <c>connectivity.events:connectionCreated</c>, and serves as the journal manifest.
/// </summary>
public interface IConnectivityEvent
{
    string Type { get; }

    string ConnectionId { get; }

    /// <summary>The entity revision (journal sequence number) this event produced.</summary>
    long Revision { get; }

    DateTimeOffset Timestamp { get; }
}
