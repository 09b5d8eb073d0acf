using Connectivity.Model.Connections;

namespace Connectivity.Model.Events;

/// <summary>A connection was created; desired status is the connection's <c>connectionStatus</c>.</summary>
public sealed record ConnectionCreated(Connection Connection, long Revision, DateTimeOffset Timestamp) : IConnectivityEvent
{
    public const string TypeName = "connectivity.events:connectionCreated";

    public string Type => TypeName;

    public string ConnectionId => Connection.Id;
}

/// <summary>A connection was replaced by <see cref="Connection"/>.</summary>
public sealed record ConnectionModified(Connection Connection, long Revision, DateTimeOffset Timestamp) : IConnectivityEvent
{
    public const string TypeName = "connectivity.events:connectionModified";

    public string Type => TypeName;

    public string ConnectionId => Connection.Id;
}

/// <summary>A connection was opened: its desired status became <c>open</c>.</summary>
public sealed record ConnectionOpened(string ConnectionId, long Revision, DateTimeOffset Timestamp) : IConnectivityEvent
{
    public const string TypeName = "connectivity.events:connectionOpened";

    public string Type => TypeName;
}

/// <summary>A connection was closed: its desired status became <c>closed</c>.</summary>
public sealed record ConnectionClosed(string ConnectionId, long Revision, DateTimeOffset Timestamp) : IConnectivityEvent
{
    public const string TypeName = "connectivity.events:connectionClosed";

    public string Type => TypeName;
}

/// <summary>A connection was deleted; the entity's lifecycle became <c>DELETED</c>.</summary>
public sealed record ConnectionDeleted(string ConnectionId, long Revision, DateTimeOffset Timestamp) : IConnectivityEvent
{
    public const string TypeName = "connectivity.events:connectionDeleted";

    public string Type => TypeName;
}
