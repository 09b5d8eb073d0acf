namespace Connectivity.Bench;

/// <summary>One measured run through the service: the traffic as counted, the connection's metrics after it, the service's CPU time in it.</summary>
internal sealed record ServiceRun(TrafficResult Traffic, ConnectionMetricsSummary Metrics, TimeSpan ServiceCpu)
{
    /// <summary>Service CPU time per message sent, in microseconds.</summary>
    public double CpuMicrosecondsPerMessage => ServiceCpu.TotalMilliseconds * 1000 / Traffic.Sent;
}
