using Connectivity.Model.Monitoring;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>Receives every entry a <see cref="ConnectionLogger"/> logs, whether or not its in-memory log is enabled.</summary>
public interface IConnectionLogPublisher
{
    /// <summary>Hands the entry on (e.g. buffers it for Fluentd). Must return quickly and never throw.</summary>
    void Publish(string connectionId, LogEntry entry);
}
