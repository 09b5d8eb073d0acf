using Connectivity.Model.Events;

namespace Connectivity.Service.Connections;

/// <summary>
/// Journal tags written with each connection event (spec §3.4): the connection's own tags, <c>always-alive</c>
/// while the desired status is open (the record of connections to reopen on startup), and a marker for every
/// connection that exists, so that id listings skip deleted ones. A deleted connection's last event has no tags.
/// </summary>
public static class ConnectionJournalTags
{
    public const string AlwaysAlive = "always-alive";

    /// <summary>Carried by the latest event of every existing (not deleted) connection.</summary>
    public const string Active = "connectivity:active";

    /// <summary>The persistence id of a connection: <c>connection:&lt;id&gt;</c>.</summary>
    public static string PersistenceIdOf(string connectionId) => "connection:" + connectionId;

    /// <summary>The connection id of a persistence id written by <see cref="PersistenceIdOf"/>.</summary>
    public static string ConnectionIdOf(string persistenceId) => persistenceId["connection:".Length..];

    /// <summary>Tags of <paramref name="connectivityEvent"/> given the state after it.</summary>
    public static IReadOnlyList<string> For(IConnectivityEvent connectivityEvent, ConnectionState stateAfter)
    {
        if (connectivityEvent is ConnectionDeleted || !stateAfter.Exists)
        {
            return [];
        }

        var tags = new List<string>(stateAfter.Connection!.Tags) { Active };
        if (stateAfter.DesiredOpen)
        {
            tags.Add(AlwaysAlive);
        }

        return tags.Distinct().ToList();
    }
}
