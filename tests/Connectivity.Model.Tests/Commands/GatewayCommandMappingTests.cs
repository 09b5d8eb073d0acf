using Connectivity.Model.Commands;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Xunit;

namespace Connectivity.Model.Tests.Commands;

public class GatewayCommandMappingTests
{
    [Theory]
    [InlineData("connectivity.commands:openConnection", typeof(OpenConnection))]
    [InlineData("connectivity.commands:closeConnection", typeof(CloseConnection))]
    [InlineData("connectivity.commands:resetConnectionMetrics", typeof(ResetConnectionMetrics))]
    [InlineData("connectivity.commands:enableConnectionLogs", typeof(EnableConnectionLogs))]
    [InlineData("connectivity.commands:resetConnectionLogs", typeof(ResetConnectionLogs))]
    public void FromTextCommand_should_map_to_the_command_when_the_body_is_a_supported_type(string body, Type expected)
    {
        var command = GatewayCommandMapping.FromTextCommand(body, "my-conn", SampleSignals.Headers);

        Assert.IsType(expected, command);
        Assert.Equal(("my-conn", body), (command.ConnectionId, command.Type));
        Assert.Same(SampleSignals.Headers, command.Headers);
    }

    [Fact]
    public void FromTextCommand_should_ignore_surrounding_whitespace_when_the_body_has_a_trailing_newline()
    {
        var command = GatewayCommandMapping.FromTextCommand("  connectivity.commands:openConnection\r\n", "c", DittoHeaders.Empty);

        Assert.IsType<OpenConnection>(command);
    }

    [Theory]
    [InlineData("connectivity.commands:foo")]
    [InlineData("connectivity.commands:deleteConnection")]
    [InlineData("connectivity.commands:retrieveConnectionStatus")]
    [InlineData("CONNECTIVITY.COMMANDS:OPENCONNECTION")]
    [InlineData("")]
    public void FromTextCommand_should_fail_with_command_invalid_when_the_body_is_not_supported(string body)
    {
        var error = Assert.Throws<DittoRuntimeException>(() => GatewayCommandMapping.FromTextCommand(body, "c", DittoHeaders.Empty));

        Assert.Equal(("connectivity:command.invalid", 400), (error.ErrorCode, error.Status));
        Assert.Contains(body.Trim(), error.Message, StringComparison.Ordinal);
    }
}
