using Connectivity.Model.Connections;

namespace Connectivity.Service.Clients;

/// <summary>Creates the <see cref="IConnectionClient"/> of one protocol binding.</summary>
public interface IConnectionClientFactory
{
    /// <summary>The connection type this factory serves.</summary>
    ConnectionType Type { get; }

    /// <summary>
    /// A new, not yet connected client for <paramref name="connection"/>; may throw
    /// <see cref="ConnectionFailureException"/> for a configuration it cannot use.
    /// </summary>
    IConnectionClient Create(Connection connection, ClientContext context);
}
