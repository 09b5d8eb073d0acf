using Connectivity.Model.Connections;

namespace Connectivity.Service.Clients;

/// <summary>
/// Asks the <see cref="ClientHostActor"/> of a node to run client <paramref name="ClientIndex"/> of
/// <paramref name="Connection"/> for the connection actor on <paramref name="OwnerNode"/>, replacing a client of the
/// same connection and index it already runs; replied with <see cref="RemoteClientStarted"/> or a <c>Status.Failure</c>.
/// </summary>
public sealed record StartRemoteClient(Connection Connection, int ClientIndex, string OwnerNode);

/// <summary>Reply to <see cref="StartRemoteClient"/>: the started client actor's path on the host's node.</summary>
public sealed record RemoteClientStarted(string Path);

/// <summary>Stops client <paramref name="ClientIndex"/> of connection <paramref name="ConnectionId"/> on the host's node; not replied.</summary>
public sealed record StopRemoteClient(string ConnectionId, int ClientIndex);
