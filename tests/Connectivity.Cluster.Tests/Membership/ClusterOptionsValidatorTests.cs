using Connectivity.Cluster.Membership;
using Xunit;

namespace Connectivity.Cluster.Tests.Membership;

public sealed class ClusterOptionsValidatorTests
{
    private static ClusterOptions Valid() => new() { NodeId = "node-a", InternalAddress = "http://10.0.0.1:8081" };

    private static IEnumerable<string> Failures(ClusterOptions options) =>
        new ClusterOptionsValidator().Validate(null, options).Failures ?? [];

    [Fact]
    public void ClusterOptionsValidator_should_accept_the_defaults_when_identity_is_given()
    {
        var options = Valid();

        Assert.True(new ClusterOptionsValidator().Validate(null, options).Succeeded);
        Assert.Equal(TimeSpan.FromSeconds(1), options.HeartbeatInterval);
        Assert.Equal(TimeSpan.FromSeconds(5), options.DownAfter);
        Assert.Equal(TimeSpan.FromSeconds(6), options.LeaseTtl);
        Assert.Equal(TimeSpan.FromSeconds(1), options.LeaseRenewInterval);
        Assert.Equal(TimeSpan.FromSeconds(2), options.LeaseSafetyMargin);
    }

    [Fact]
    public void ClusterOptionsValidator_should_reject_options_when_identity_is_missing()
    {
        var failures = Failures(new ClusterOptions());

        Assert.Contains(failures, f => f.Contains(nameof(ClusterOptions.NodeId), StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains(nameof(ClusterOptions.InternalAddress), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative")]
    [InlineData("ftp://10.0.0.1")]
    public void ClusterOptionsValidator_should_reject_the_address_when_not_an_absolute_http_url(string address)
    {
        var options = Valid();
        options.InternalAddress = address;

        Assert.Contains(Failures(options), f => f.Contains(nameof(ClusterOptions.InternalAddress), StringComparison.Ordinal));
    }

    [Theory]
    [InlineData(1000, 2000, false)]
    [InlineData(1000, 2001, true)]
    [InlineData(200, 1000, true)]
    public void ClusterOptionsValidator_should_require_down_after_above_two_heartbeats_when_validating(int heartbeatMs, int downAfterMs, bool valid)
    {
        var options = Valid();
        options.HeartbeatInterval = TimeSpan.FromMilliseconds(heartbeatMs);
        options.DownAfter = TimeSpan.FromMilliseconds(downAfterMs);

        Assert.Equal(valid, !Failures(options).Any(f => f.Contains(nameof(ClusterOptions.DownAfter), StringComparison.Ordinal)));
    }

    [Theory]
    [InlineData(1000, 3000, false)]
    [InlineData(1000, 3001, true)]
    [InlineData(300, 2000, true)]
    public void ClusterOptionsValidator_should_require_lease_ttl_above_three_renewals_when_validating(int renewMs, int ttlMs, bool valid)
    {
        var options = Valid();
        options.LeaseRenewInterval = TimeSpan.FromMilliseconds(renewMs);
        options.LeaseTtl = TimeSpan.FromMilliseconds(ttlMs);

        Assert.Equal(valid, !Failures(options).Any(f => f.Contains(nameof(ClusterOptions.LeaseTtl), StringComparison.Ordinal)));
    }

    [Fact]
    public void ClusterOptionsValidator_should_reject_intervals_when_not_positive()
    {
        var options = Valid();
        options.HeartbeatInterval = TimeSpan.Zero;
        options.LeaseRenewInterval = TimeSpan.FromSeconds(-1);

        var failures = Failures(options).ToList();

        Assert.Contains(failures, f => f.StartsWith(nameof(ClusterOptions.HeartbeatInterval), StringComparison.Ordinal));
        Assert.Contains(failures, f => f.StartsWith(nameof(ClusterOptions.LeaseRenewInterval), StringComparison.Ordinal));
    }
}
