using Connectivity.Model.Connections;
using Xunit;

namespace Connectivity.Model.Tests.Connections;

public class ConnectivityStatusesTests
{
    [Theory]
    [InlineData("open", ConnectivityStatus.Open)]
    [InlineData("closed", ConnectivityStatus.Closed)]
    [InlineData("failed", ConnectivityStatus.Failed)]
    [InlineData("misconfigured", ConnectivityStatus.Misconfigured)]
    [InlineData("unknown", ConnectivityStatus.Unknown)]
    public void TryParse_should_map_wire_names_both_ways_and_reject_other_case(string wire, ConnectivityStatus status)
    {
        Assert.True(ConnectivityStatuses.TryParse(wire, out var parsed));
        Assert.Equal(status, parsed);
        Assert.Equal(wire, status.ToWire());
        Assert.False(ConnectivityStatuses.TryParse(wire.ToUpperInvariant(), out _));
    }
}
