using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Xunit;

namespace Connectivity.Model.Tests.Connections;

public class ConnectionIdTests
{
    [Theory]
    [InlineData("a", true)]
    [InlineData("my-conn_1:x", true)]
    [InlineData("", false)]
    [InlineData("with space", false)]
    [InlineData("slash/no", false)]
    [InlineData("ümlaut", false)]
    public void IsValid_should_follow_the_id_pattern(string id, bool valid)
    {
        Assert.Equal(valid, ConnectionId.IsValid(id));
    }

    [Fact]
    public void IsValid_should_limit_length_to_100()
    {
        Assert.True(ConnectionId.IsValid(new string('a', 100)));
        Assert.False(ConnectionId.IsValid(new string('a', 101)));
    }

    [Fact]
    public void Validate_should_throw_id_invalid_when_pattern_does_not_match()
    {
        var error = Assert.Throws<DittoRuntimeException>(() => ConnectionId.Validate("bad id"));

        Assert.Equal("connectivity:connection.id.invalid", error.ErrorCode);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void NewDryRunId_should_be_a_valid_id_with_dry_run_suffix()
    {
        var id = ConnectionId.NewDryRunId();

        Assert.True(ConnectionId.IsValid(id));
        Assert.EndsWith("-dry-run", id, StringComparison.Ordinal);
    }
}
