using System.Collections.Concurrent;
using Connectivity.Model.Monitoring;

namespace Connectivity.Service.Monitoring;

/// <summary>
/// The metric counters of one connection on this client instance (spec §5.1), keyed by direction, type, address and
/// success and created on first use. Hot paths should keep the handle from <see cref="GetCounter"/> and call
/// <see cref="SlidingWindowCounter.Increment"/> on it. Inbound counters are source metrics, outbound counters target
/// metrics (responses under <see cref="TargetMetrics.ResponsesAddress"/>); the connection-wide metrics are their sums.
/// </summary>
public sealed class ConnectionMetricsCollector
{
    private readonly TimeProvider timeProvider;
    private readonly ConcurrentDictionary<CounterKey, SlidingWindowCounter> counters = new();

    public ConnectionMetricsCollector(TimeProvider timeProvider) => this.timeProvider = timeProvider;

    /// <summary>The counter for the given key, created on first use.</summary>
    /// <exception cref="ArgumentException">If <paramref name="type"/> is not counted in <paramref name="direction"/>.</exception>
    public SlidingWindowCounter GetCounter(MetricDirection direction, MetricType type, string address, bool success)
    {
        if (!type.SupportsDirection(direction))
        {
            throw new ArgumentException($"The metric type <{type.ToWire()}> is not counted {direction}.", nameof(type));
        }

        return counters.GetOrAdd(new CounterKey(direction, type, address, success), static (_, clock) => new SlidingWindowCounter(clock), timeProvider);
    }

    /// <summary>Counts one message.</summary>
    public void Record(MetricDirection direction, MetricType type, string address, bool success) =>
        GetCounter(direction, type, address, success).Increment();

    /// <summary>
    /// Creates zeroed success and failure counters of the default types (<see cref="MetricTypes.Defaults"/>) for the
    /// connection's addresses, so a freshly opened connection reports zeros instead of <c>null</c>.
    /// </summary>
    public void RegisterAddresses(IEnumerable<string> sourceAddresses, IEnumerable<string> targetAddresses)
    {
        Register(MetricDirection.Inbound, sourceAddresses);
        Register(MetricDirection.Outbound, targetAddresses);
    }

    /// <summary>The current counts: per source address, per target address and summed over the connection.</summary>
    public ConnectionMetricsReport Snapshot()
    {
        var measured = counters
            .Select(entry => (entry.Key, Measurement: entry.Value.ToMeasurement(entry.Key.Type, entry.Key.Success)))
            .ToList();
        return new ConnectionMetricsReport(
            new ConnectionMetrics(Total(measured, MetricDirection.Inbound), Total(measured, MetricDirection.Outbound)),
            new SourceMetrics(PerAddress(measured, MetricDirection.Inbound)),
            new TargetMetrics(PerAddress(measured, MetricDirection.Outbound)));
    }

    /// <summary>Sets every counter to zero; the counters stay registered.</summary>
    public void Reset()
    {
        foreach (var counter in counters.Values)
        {
            counter.Reset();
        }
    }

    private void Register(MetricDirection direction, IEnumerable<string> addresses)
    {
        foreach (var address in addresses)
        {
            foreach (var type in MetricTypes.Defaults(direction))
            {
                GetCounter(direction, type, address, success: true);
                GetCounter(direction, type, address, success: false);
            }
        }
    }

    private static AddressMetric Total(List<(CounterKey Key, Measurement Measurement)> measured, MetricDirection direction) =>
        AddressMetric.Of(measured.Where(m => m.Key.Direction == direction).Select(m => m.Measurement));

    private static Dictionary<string, AddressMetric> PerAddress(
        List<(CounterKey Key, Measurement Measurement)> measured, MetricDirection direction) =>
        measured
            .Where(m => m.Key.Direction == direction)
            .GroupBy(m => m.Key.Address, StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => AddressMetric.Of(group.Select(m => m.Measurement)), StringComparer.Ordinal);

    private readonly record struct CounterKey(MetricDirection Direction, MetricType Type, string Address, bool Success);
}
