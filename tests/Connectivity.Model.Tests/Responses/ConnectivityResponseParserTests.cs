using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Connectivity.Model.Responses;
using Connectivity.Model.Signals;
using Connectivity.Model.Tests.Commands;
using Xunit;

namespace Connectivity.Model.Tests.Responses;

public class ConnectivityResponseParserTests
{
    private const string Id = SampleSignals.ConnectionId;

    private static readonly Dictionary<string, IConnectivityResponse> Samples = new IConnectivityResponse[]
    {
        new CreateConnectionResponse(SampleSignals.Connection(), SampleSignals.Headers),
        new ModifyConnectionResponse(Id, SampleSignals.Headers),
        new RetrieveConnectionResponse(ConnectionJson.ToJson(SampleSignals.Connection(), FieldSelector.Parse("id,_revision"), new ConnectionMetadata(3, null, null)), SampleSignals.Headers),
        new DeleteConnectionResponse(Id, SampleSignals.Headers),
        new OpenConnectionResponse(Id, SampleSignals.Headers),
        new CloseConnectionResponse(Id, SampleSignals.Headers),
        TestConnectionResponse.Success(Id, "ok", SampleSignals.Headers),
        new ResetConnectionMetricsResponse(Id, SampleSignals.Headers),
        new EnableConnectionLogsResponse(Id, SampleSignals.Headers),
        new ResetConnectionLogsResponse(Id, SampleSignals.Headers),
        new RetrieveAllConnectionIdsResponse(["b", "a", "C"], SampleSignals.Headers),
        new SudoRetrieveConnectionTagsResponse(["blue", "always-alive"], SampleSignals.Headers),
        new SudoRetrieveConnectionIdsByTagResponse(["x", "y"], SampleSignals.Headers),
    }.ToDictionary(response => response.Type);

    public static TheoryData<string> ResponseTypes => new(Samples.Keys);

    [Theory]
    [MemberData(nameof(ResponseTypes))]
    public void Parse_should_round_trip_when_given_a_responses_own_json(string type)
    {
        var response = Samples[type];

        var parsed = ConnectivityResponseParser.Parse(response.ToJson(), response.Headers);

        Assert.IsType(response.GetType(), parsed);
        Assert.Equal((response.Type, response.Status), (parsed.Type, parsed.Status));
        Assert.Equal(response.ToJson().ToJsonString(), parsed.ToJson().ToJsonString());
        Assert.Same(response.Headers, parsed.Headers);
    }

    [Theory]
    [InlineData("connectivity.responses:createConnection", 201, "connection")]
    [InlineData("connectivity.responses:modifyConnection", 204, "connectionId")]
    [InlineData("connectivity.responses:retrieveConnection", 200, "connection")]
    [InlineData("connectivity.responses:deleteConnection", 204, "connectionId")]
    [InlineData("connectivity.responses:openConnection", 200, "connectionId")]
    [InlineData("connectivity.responses:closeConnection", 200, "connectionId")]
    [InlineData("connectivity.responses:testConnection", 200, "connectionId,testResult")]
    [InlineData("connectivity.responses:resetConnectionMetrics", 200, "connectionId")]
    [InlineData("connectivity.responses:enableConnectionLogs", 200, "connectionId")]
    [InlineData("connectivity.responses:resetConnectionLogs", 200, "connectionId")]
    [InlineData("connectivity.responses:retrieveAllConnectionIds", 200, "connectionIds")]
    [InlineData("connectivity.sudo.responses:sudoRetrieveConnectionTags", 200, "connectionTags")]
    [InlineData("connectivity.sudo.responses:sudoRetrieveConnectionIdsByTag", 200, "connectionIds")]
    public void ToJson_should_have_the_spec_shape_when_serializing_a_response(string type, int status, string payloadFields)
    {
        var json = Samples[type].ToJson();

        Assert.Equal(["type", "status", .. payloadFields.Split(',')], json.Select(field => field.Key));
        Assert.Equal(type, json["type"]!.GetValue<string>());
        Assert.Equal(status, json["status"]!.GetValue<int>());
    }

    [Fact]
    public void ToJson_should_sort_the_ids_ordinally_when_serializing_all_connection_ids()
    {
        var response = new RetrieveAllConnectionIdsResponse(["b", "a", "C"], DittoHeaders.Empty);

        Assert.Equal("""{"type":"connectivity.responses:retrieveAllConnectionIds","status":200,"connectionIds":["C","a","b"]}""", response.ToJson().ToJsonString());
    }

    [Fact]
    public void ToJson_should_keep_the_selected_connection_json_when_serializing_a_retrieve_response()
    {
        var connection = new JsonObject { ["id"] = "c", ["_revision"] = 3 };

        var json = new RetrieveConnectionResponse(connection, DittoHeaders.Empty).ToJson();

        Assert.Equal("""{"type":"connectivity.responses:retrieveConnection","status":200,"connection":{"id":"c","_revision":3}}""", json.ToJsonString());
    }

    [Fact]
    public void AlreadyCreated_should_answer_409_when_the_connection_exists()
    {
        var response = TestConnectionResponse.AlreadyCreated("c", DittoHeaders.Empty);

        var parsed = Assert.IsType<TestConnectionResponse>(ConnectivityResponseParser.Parse(response.ToJson()));

        Assert.Equal(409, parsed.Status);
        Assert.Contains("already", parsed.TestResult, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Parse_should_read_an_error_response_when_the_json_has_an_error_field()
    {
        var json = JsonNode.Parse("""{"status":404,"error":"connectivity:connection.notfound","message":"gone","description":"hint"}""")!.AsObject();

        var response = Assert.IsType<ConnectivityErrorResponse>(ConnectivityResponseParser.Parse(json));

        Assert.Equal((404, "connectivity:connection.notfound", "gone", "hint"), (response.Status, response.Error.ErrorCode, response.Error.Message, response.Error.Description));
        Assert.Equal(json.ToJsonString(), response.ToJson().ToJsonString());
    }

    [Fact]
    public void Parse_should_read_an_error_response_when_given_the_event_bus_form()
    {
        var json = new JsonObject
        {
            ["type"] = ConnectivityErrorResponse.TypeName,
            ["status"] = 409,
            ["payload"] = ConnectivityErrors.ConnectionConflict("c").ToJson(),
        };

        var response = Assert.IsType<ConnectivityErrorResponse>(ConnectivityResponseParser.Parse(json));

        Assert.Equal(("connectivity:connection.conflict", 409), (response.Error.ErrorCode, response.Status));
    }

    [Fact]
    public void Parse_should_keep_the_json_when_the_response_type_is_modelled_elsewhere()
    {
        var json = JsonNode.Parse("""{"type":"connectivity.responses:retrieveConnectionStatus","status":200,"connectionId":"c","liveStatus":"closed"}""")!.AsObject();

        var response = Assert.IsType<JsonResponse>(ConnectivityResponseParser.Parse(json, SampleSignals.Headers));

        Assert.Equal(("connectivity.responses:retrieveConnectionStatus", 200), (response.Type, response.Status));
        Assert.Equal(json.ToJsonString(), response.ToJson().ToJsonString());
        Assert.Same(SampleSignals.Headers, response.Headers);
    }

    [Fact]
    public void ToJson_should_put_type_and_status_first_when_the_json_response_holds_them_elsewhere()
    {
        var response = new JsonResponse("t", 200, new JsonObject { ["a"] = 1, ["status"] = 500, ["type"] = "x" }, DittoHeaders.Empty);

        Assert.Equal("""{"type":"t","status":200,"a":1}""", response.ToJson().ToJsonString());
    }

    [Fact]
    public void Parse_should_fail_with_field_missing_when_type_is_absent()
    {
        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityResponseParser.Parse(new JsonObject { ["status"] = 200 }));

        Assert.Equal("json.field.missing", error.ErrorCode);
    }

    [Fact]
    public void Parse_should_fail_with_field_missing_when_an_unmodelled_response_has_no_status()
    {
        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityResponseParser.Parse(new JsonObject { ["type"] = "connectivity.responses:retrieveConnectionLogs" }));

        Assert.Equal("json.field.missing", error.ErrorCode);
    }
}
