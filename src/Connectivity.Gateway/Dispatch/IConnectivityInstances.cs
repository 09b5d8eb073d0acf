using Connectivity.Model.Signals;

namespace Connectivity.Gateway.Dispatch;

/// <summary>
/// The instances of the connectivity service that piggyback commands can address: this one, and in cluster mode every
/// live node (Ditto's "instance"), each asked at the same actor path.
/// </summary>
public interface IConnectivityInstances
{
    /// <summary>This node's instance name.</summary>
    string Self { get; }

    /// <summary>All live instances, this one included, sorted by name.</summary>
    IReadOnlyList<string> All { get; }

    /// <summary>Asks the actor at <paramref name="path"/> on instance <paramref name="instance"/>; null when it did not answer in time.</summary>
    Task<IConnectivityResponse?> AskAsync(string instance, string path, IConnectivityCommand command, TimeSpan timeout, CancellationToken ct);
}
