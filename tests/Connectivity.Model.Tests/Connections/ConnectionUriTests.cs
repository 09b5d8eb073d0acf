using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Xunit;

namespace Connectivity.Model.Tests.Connections;

public class ConnectionUriTests
{
    [Fact]
    public void Parse_should_split_user_info_at_the_first_colon()
    {
        var uri = ConnectionUri.Parse("amqps://user:pa:ss@broker.example:5671/vhost");

        Assert.Equal(new ConnectionUri("amqps", "user", "pa:ss", "broker.example", 5671, "/vhost"), uri);
    }

    [Theory]
    [InlineData("tcp://user:secret@host:1883", "tcp://user:*****@host:1883")]
    [InlineData("https://u:p@host:443/base/path", "https://u:*****@host:443/base/path")]
    [InlineData("ssl://host:8883", "ssl://host:8883")]
    [InlineData("amqp://user@host:5672", "amqp://user@host:5672")]
    public void Masked_should_hide_the_password(string input, string masked)
    {
        var uri = ConnectionUri.Parse(input);

        Assert.Equal(masked, uri.Masked);
        Assert.Equal(input, uri.ToString());
    }

    [Theory]
    [InlineData("tcp://host")]
    [InlineData("tcp://host:0")]
    [InlineData("tcp://host:70000")]
    [InlineData("tcp://host:1883?x=1")]
    [InlineData("tcp://host:1883/path?x=1")]
    [InlineData("not a uri")]
    [InlineData("host:1883")]
    [InlineData("")]
    public void Parse_should_throw_uri_invalid_when_port_is_missing_or_query_present(string input)
    {
        var error = Assert.Throws<DittoRuntimeException>(() => ConnectionUri.Parse(input));

        Assert.Equal("connectivity:connection.uri.invalid", error.ErrorCode);
        Assert.Contains("{protocol}://{username}:{password}@{hostname}:{port}/{path}", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_should_accept_ipv6_literal_hosts()
    {
        Assert.Equal("[::1]", ConnectionUri.Parse("tcp://[::1]:1883").Host);
    }
}
