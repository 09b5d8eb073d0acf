using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;
using Xunit;

namespace Connectivity.Model.Tests.Commands;

public class ConnectivityCommandParserTests
{
    private static readonly Dictionary<string, IConnectivityCommand> Samples = new IConnectivityCommand[]
    {
        new CreateConnection(SampleSignals.Connection(), SampleSignals.Headers),
        new ModifyConnection(SampleSignals.Connection(), SampleSignals.Headers),
        new RetrieveConnection(SampleSignals.ConnectionId, FieldSelector.Parse("id,_revision,sources"), SampleSignals.Headers),
        new DeleteConnection(SampleSignals.ConnectionId, SampleSignals.Headers),
        new OpenConnection(SampleSignals.ConnectionId, SampleSignals.Headers),
        new CloseConnection(SampleSignals.ConnectionId, SampleSignals.Headers),
        new TestConnection(SampleSignals.Connection(), SampleSignals.Headers),
        new RetrieveConnectionStatus(SampleSignals.ConnectionId, SampleSignals.Headers),
        new RetrieveConnectionMetrics(SampleSignals.ConnectionId, SampleSignals.Headers),
        new ResetConnectionMetrics(SampleSignals.ConnectionId, SampleSignals.Headers),
        new EnableConnectionLogs(SampleSignals.ConnectionId, SampleSignals.Headers),
        new RetrieveConnectionLogs(SampleSignals.ConnectionId, SampleSignals.Headers),
        new ResetConnectionLogs(SampleSignals.ConnectionId, SampleSignals.Headers),
        new RetrieveAllConnectionIds(SampleSignals.Headers),
        new SudoRetrieveConnectionTags(SampleSignals.ConnectionId, SampleSignals.Headers),
        new SudoRetrieveConnectionIdsByTag("blue", SampleSignals.Headers),
        new CheckConnectionLogsActive(SampleSignals.ConnectionId, SampleSignals.Instant, SampleSignals.Headers),
        new LoggingExpired(SampleSignals.ConnectionId, SampleSignals.Headers),
    }.ToDictionary(command => command.Type);

    public static TheoryData<string> CommandTypes => new(Samples.Keys);

    [Theory]
    [MemberData(nameof(CommandTypes))]
    public void Parse_should_round_trip_when_given_a_commands_own_json(string type)
    {
        var command = Samples[type];

        var parsed = ConnectivityCommandParser.Parse(command.ToJson(), command.Headers);

        Assert.Equal(command, parsed);
        Assert.Equal(command.ToJson().ToJsonString(), parsed.ToJson().ToJsonString());
    }

    [Theory]
    [MemberData(nameof(CommandTypes))]
    public void ToJson_should_put_type_first_and_leave_headers_out_when_serializing(string type)
    {
        var json = Samples[type].ToJson();

        Assert.Equal(("type", type), (json.First().Key, json.First().Value!.GetValue<string>()));
        Assert.False(json.ContainsKey("headers"));
    }

    [Theory]
    [InlineData("connectivity.commands:createConnection")]
    [InlineData("connectivity.commands:modifyConnection")]
    [InlineData("connectivity.commands:retrieveConnection")]
    [InlineData("connectivity.commands:deleteConnection")]
    [InlineData("connectivity.commands:openConnection")]
    [InlineData("connectivity.commands:closeConnection")]
    [InlineData("connectivity.commands:testConnection")]
    [InlineData("connectivity.commands:retrieveConnectionStatus")]
    [InlineData("connectivity.commands:retrieveConnectionMetrics")]
    [InlineData("connectivity.commands:resetConnectionMetrics")]
    [InlineData("connectivity.commands:enableConnectionLogs")]
    [InlineData("connectivity.commands:retrieveConnectionLogs")]
    [InlineData("connectivity.commands:resetConnectionLogs")]
    [InlineData("connectivity.commands:retrieveAllConnectionIds")]
    [InlineData("connectivity.commands:checkConnectionLogsActive")]
    [InlineData("connectivity.commands:loggingExpired")]
    [InlineData("connectivity.sudo.commands:sudoRetrieveConnectionTags")]
    [InlineData("connectivity.sudo.commands:sudoRetrieveConnectionIdsByTag")]
    public void SupportedTypes_should_contain_the_spec_type_when_listed_in_section_3_4(string type)
    {
        Assert.Contains(type, ConnectivityCommandParser.SupportedTypes);
        Assert.Contains(type, Samples.Keys);
    }

    [Fact]
    public void Parse_should_read_the_piggyback_example_when_given_a_retrieve_connection()
    {
        var json = JsonNode.Parse("""{ "type": "connectivity.commands:retrieveConnection", "connectionId": "my-conn" }""")!.AsObject();

        var command = Assert.IsType<RetrieveConnection>(ConnectivityCommandParser.Parse(json, DittoHeaders.Empty));

        Assert.Equal("my-conn", command.ConnectionId);
        Assert.Null(command.SelectedFields);
        Assert.Equal("""{"type":"connectivity.commands:retrieveConnection","connectionId":"my-conn"}""", command.ToJson().ToJsonString());
    }

    [Fact]
    public void Parse_should_read_the_connection_when_given_a_create_connection()
    {
        var json = new JsonObject
        {
            ["type"] = "connectivity.commands:createConnection",
            ["connection"] = SampleSignals.ConnectionJsonSample(),
        };

        var command = Assert.IsType<CreateConnection>(ConnectivityCommandParser.Parse(json, SampleSignals.Headers));

        Assert.Equal(SampleSignals.ConnectionId, command.ConnectionId);
        Assert.Same(SampleSignals.Headers, command.Headers);
    }

    [Fact]
    public void ToJson_should_write_selected_fields_as_a_comma_list_when_fields_are_selected()
    {
        var command = new RetrieveConnection("c", FieldSelector.Parse("id,_revision"), DittoHeaders.Empty);

        Assert.Equal("""{"type":"connectivity.commands:retrieveConnection","connectionId":"c","selectedFields":"id,_revision"}""", command.ToJson().ToJsonString());
    }

    [Fact]
    public void ToJson_should_write_an_iso_instant_when_serializing_check_connection_logs_active()
    {
        var command = new CheckConnectionLogsActive("c", SampleSignals.Instant, DittoHeaders.Empty);

        Assert.Equal("2026-03-03T16:05:55.123Z", command.ToJson()["timestamp"]!.GetValue<string>());
    }

    [Fact]
    public void Parse_should_fail_with_field_missing_when_type_is_absent()
    {
        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityCommandParser.Parse(new JsonObject { ["connectionId"] = "c" }, DittoHeaders.Empty));

        Assert.Equal(("json.field.missing", 400), (error.ErrorCode, error.Status));
    }

    [Fact]
    public void Parse_should_fail_naming_no_mapping_strategy_when_type_is_unknown()
    {
        var json = new JsonObject { ["type"] = "connectivity.commands:frobnicate", ["connectionId"] = "c" };

        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityCommandParser.Parse(json, DittoHeaders.Empty));

        Assert.Equal(400, error.Status);
        Assert.Contains("cannot be executed by this service as there is no mapping strategy", error.Message, StringComparison.Ordinal);
        Assert.Contains("connectivity.commands:frobnicate", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("connectivity.commands:openConnection", "/connectionId")]
    [InlineData("connectivity.commands:retrieveConnection", "/connectionId")]
    [InlineData("connectivity.commands:createConnection", "/connection")]
    [InlineData("connectivity.commands:modifyConnection", "/connection")]
    [InlineData("connectivity.commands:testConnection", "/connection")]
    [InlineData("connectivity.commands:checkConnectionLogsActive", "/connectionId")]
    [InlineData("connectivity.sudo.commands:sudoRetrieveConnectionIdsByTag", "/tag")]
    public void Parse_should_fail_with_field_missing_when_the_payload_is_absent(string type, string pointer)
    {
        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityCommandParser.Parse(new JsonObject { ["type"] = type }, DittoHeaders.Empty));

        Assert.Equal(("json.field.missing", 400), (error.ErrorCode, error.Status));
        Assert.Contains(pointer, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Parse_should_fail_with_field_missing_when_the_connection_has_no_id()
    {
        var connection = SampleSignals.ConnectionJsonSample();
        connection.Remove("id");
        var json = new JsonObject { ["type"] = CreateConnection.TypeName, ["connection"] = connection };

        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityCommandParser.Parse(json, DittoHeaders.Empty));

        Assert.Equal("json.field.missing", error.ErrorCode);
    }

    [Theory]
    [InlineData("connectivity.commands:openConnection", "no spaces allowed")]
    [InlineData("connectivity.commands:deleteConnection", "")]
    [InlineData("connectivity.commands:retrieveConnectionStatus", "slash/id")]
    public void Parse_should_fail_with_id_invalid_when_the_connection_id_is_malformed(string type, string id)
    {
        var json = new JsonObject { ["type"] = type, ["connectionId"] = id };

        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityCommandParser.Parse(json, DittoHeaders.Empty));

        Assert.Equal(("connectivity:connection.id.invalid", 400), (error.ErrorCode, error.Status));
    }

    [Fact]
    public void Parse_should_fail_with_json_invalid_when_the_connection_id_is_not_a_string()
    {
        var json = new JsonObject { ["type"] = OpenConnection.TypeName, ["connectionId"] = 42 };

        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityCommandParser.Parse(json, DittoHeaders.Empty));

        Assert.Equal(("json.invalid", 400), (error.ErrorCode, error.Status));
    }

    [Fact]
    public void Parse_should_fail_with_json_invalid_when_the_timestamp_is_not_an_instant()
    {
        var json = new JsonObject { ["type"] = CheckConnectionLogsActive.TypeName, ["connectionId"] = "c", ["timestamp"] = "yesterday" };

        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityCommandParser.Parse(json, DittoHeaders.Empty));

        Assert.Equal("json.invalid", error.ErrorCode);
    }

    [Fact]
    public void ConnectionId_should_be_the_connections_id_when_the_command_carries_a_connection()
    {
        IConnectionCommand command = new ModifyConnection(SampleSignals.Connection(), DittoHeaders.Empty);

        Assert.Equal(SampleSignals.ConnectionId, command.ConnectionId);
    }
}
