using Connectivity.Model.Connections;
using Connectivity.Model.Events;

namespace Connectivity.Service.Connections;

/// <summary>
/// What the journal says about one connection id: the connection (null before creation), whether it was deleted,
/// its revision (the journal sequence number of the last event) and timestamps. <see cref="Apply"/> is the pure
/// event handler used both during recovery and after persisting.
/// </summary>
public sealed record ConnectionState(Connection? Connection, bool Deleted, long Revision, DateTimeOffset? Created, DateTimeOffset? Modified)
{
    public static ConnectionState Empty { get; } = new(null, false, 0, null, null);

    /// <summary>True when the connection was created and not deleted since.</summary>
    public bool Exists => Connection is not null && !Deleted;

    /// <summary>True when the connection exists and its desired status is <c>open</c>.</summary>
    public bool DesiredOpen => Exists && Connection!.ConnectionStatus == ConnectivityStatus.Open;

    /// <summary>The ETag of this revision, as Ditto renders it: <c>"rev:N"</c>.</summary>
    public string ETag => $"\"rev:{Revision}\"";

    public ConnectionMetadata Metadata => new(Revision, Created, Modified);

    public ConnectionState Apply(IConnectivityEvent connectivityEvent) => connectivityEvent switch
    {
        ConnectionCreated created => new ConnectionState(created.Connection, false, created.Revision, created.Timestamp, created.Timestamp),
        ConnectionModified modified => this with { Connection = modified.Connection, Revision = modified.Revision, Modified = modified.Timestamp },
        ConnectionOpened opened => WithDesiredStatus(ConnectivityStatus.Open, opened),
        ConnectionClosed closed => WithDesiredStatus(ConnectivityStatus.Closed, closed),
        ConnectionDeleted deleted => this with { Deleted = true, Revision = deleted.Revision, Modified = deleted.Timestamp },
        _ => throw new ArgumentException($"Unknown connectivity event '{connectivityEvent.Type}'.", nameof(connectivityEvent)),
    };

    private ConnectionState WithDesiredStatus(ConnectivityStatus status, IConnectivityEvent connectivityEvent) =>
        this with
        {
            Connection = Connection! with { ConnectionStatus = status },
            Revision = connectivityEvent.Revision,
            Modified = connectivityEvent.Timestamp,
        };
}
