namespace Connectivity.Model.Signals;

/// <summary>A command addressed to one connection's persistent actor (routed by <see cref="ConnectionId"/>).</summary>
public interface IConnectionCommand : IConnectivityCommand
{
    string ConnectionId { get; }
}
