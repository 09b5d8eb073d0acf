using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Events;
using Connectivity.Model.Headers;
using Connectivity.Model.Responses;
using Connectivity.Model.Signals;
using Connectivity.Model.Validation;
using Connectivity.Service.Connections;
using Connectivity.Service.Mapping;
using Xunit;

namespace Connectivity.Service.Tests.Connections;

/// <summary>The staged action sequences of spec §4.2, checked step by step.</summary>
public sealed class ConnectionCommandDeciderTests
{
    private static readonly DittoHeaders Headers = DittoHeaders.Empty;
    private readonly ConnectionCommandDecider decider = new(new ConnectionValidator(ConnectivityLimits.Default), MappingSettings.Default, TimeProvider.System);

    [Fact]
    public void Create_should_enable_logging_persist_respond_then_open_ignoring_errors_when_status_is_open()
    {
        var decision = decider.Decide(ConnectionState.Empty, new CreateConnection(TestConnections.HttpPush(status: "open"), Headers));

        Assert.Collection(
            decision.Actions,
            a => Assert.IsType<EnableLogging>(a),
            a => Assert.Equal(1, Assert.IsType<ConnectionCreated>(Assert.Single(Assert.IsType<PersistEvents>(a).Events)).Revision),
            a => Assert.Equal(201, Assert.IsType<Respond>(a).Response.Status),
            a => Assert.True(Assert.IsType<OpenClients>(a).IgnoreErrors));
    }

    [Fact]
    public void Create_should_only_persist_and_respond_when_status_is_closed()
    {
        var decision = decider.Decide(ConnectionState.Empty, new CreateConnection(TestConnections.HttpPush(), Headers));

        Assert.Collection(decision.Actions, a => Assert.IsType<PersistEvents>(a), a => Assert.IsType<CreateConnectionResponse>(Assert.IsType<Respond>(a).Response));
    }

    [Fact]
    public void Create_should_answer_409_conflict_when_the_connection_exists()
    {
        var error = ErrorOf(decider.Decide(Existing(), new CreateConnection(TestConnections.HttpPush(), Headers)));

        Assert.Equal(409, error.Status);
        Assert.Equal("connectivity:connection.conflict", error.Error.ErrorCode);
    }

    [Fact]
    public void Create_should_be_allowed_again_after_delete_with_the_revision_going_on()
    {
        var deleted = Existing().Apply(new ConnectionDeleted("conn-1", 2, DateTimeOffset.UnixEpoch));

        var decision = decider.Decide(deleted, new CreateConnection(TestConnections.HttpPush(), Headers));

        Assert.Equal(3, Assert.IsType<PersistEvents>(decision.Actions[0]).Events[0].Revision);
    }

    [Theory]
    [MemberData(nameof(CommandsOnAMissingConnection))]
    public void Commands_should_answer_404_when_the_connection_does_not_exist(IConnectionCommand command)
    {
        var error = ErrorOf(decider.Decide(ConnectionState.Empty, command));

        Assert.Equal(404, error.Status);
        Assert.Equal("connectivity:connection.notfound", error.Error.ErrorCode);
    }

    public static TheoryData<IConnectionCommand> CommandsOnAMissingConnection() =>
    [
        new RetrieveConnection("conn-1", null, Headers), new ModifyConnection(TestConnections.HttpPush(), Headers),
        new DeleteConnection("conn-1", Headers), new OpenConnection("conn-1", Headers), new CloseConnection("conn-1", Headers),
        new RetrieveConnectionStatus("conn-1", Headers), new RetrieveConnectionMetrics("conn-1", Headers),
        new ResetConnectionMetrics("conn-1", Headers), new EnableConnectionLogs("conn-1", Headers),
        new RetrieveConnectionLogs("conn-1", Headers), new ResetConnectionLogs("conn-1", Headers), new SudoRetrieveConnectionTags("conn-1", Headers),
    ];

    [Fact]
    public void Modify_should_persist_close_reopen_then_respond_when_the_new_status_is_open()
    {
        var decision = decider.Decide(Existing("open"), new ModifyConnection(TestConnections.HttpPush(status: "open", uri: "http://127.0.0.1:10"), Headers));

        Assert.Collection(
            decision.Actions,
            a => Assert.IsType<ConnectionModified>(Assert.Single(Assert.IsType<PersistEvents>(a).Events)),
            a => Assert.IsType<CloseClients>(a),
            a => Assert.False(Assert.IsType<OpenClients>(a).IgnoreErrors),
            a => Assert.Equal(204, Assert.IsType<Respond>(a).Response.Status));
    }

    [Fact]
    public void Modify_should_persist_close_and_respond_when_an_open_connection_becomes_closed()
    {
        var decision = decider.Decide(Existing("open"), new ModifyConnection(TestConnections.HttpPush(), Headers));

        Assert.Collection(decision.Actions, a => Assert.IsType<PersistEvents>(a), a => Assert.IsType<CloseClients>(a), a => Assert.IsType<Respond>(a));
    }

    [Fact]
    public void Modify_should_only_persist_and_respond_when_neither_status_is_open()
    {
        var decision = decider.Decide(Existing(), new ModifyConnection(TestConnections.HttpPush(uri: "http://127.0.0.1:10"), Headers));

        Assert.Collection(decision.Actions, a => Assert.IsType<PersistEvents>(a), a => Assert.IsType<Respond>(a));
    }

    [Fact]
    public void Modify_should_refuse_a_type_change_and_log_it_unless_sudo()
    {
        var mqtt = ConnectionJson.FromJson(System.Text.Json.Nodes.JsonNode.Parse("""
            {"id":"conn-1","connectionType":"mqtt","connectionStatus":"closed","uri":"tcp://127.0.0.1:1883",
             "sources":[{"addresses":["a/#"],"qos":1,"authorizationContext":["a:b"]}]}
            """)!.AsObject());

        var refused = decider.Decide(Existing(), new ModifyConnection(mqtt, Headers));
        var allowed = decider.Decide(Existing(), new ModifyConnection(mqtt, Headers.With(DittoHeaders.SudoKey, "true")));

        Assert.IsType<LogValidationFailure>(refused.Actions[0]);
        Assert.Equal("connectivity:connection.configuration.invalid", ErrorOf(refused).Error.ErrorCode);
        Assert.IsType<PersistEvents>(allowed.Actions[0]);
    }

    [Theory]
    [InlineData("Create")]
    [InlineData("Modify")]
    [InlineData("Test")]
    public void Command_should_refuse_and_log_a_connection_whose_payload_mapping_cannot_be_built(string kind)
    {
        var connection = TestConnections.HttpPush() with
        {
            MappingDefinitions = new Dictionary<string, MappingContext>
            {
                ["js"] = new() { MappingEngine = "JavaScript", Options = new() { ["incomingScript"] = "function (", ["outgoingScript"] = "" } },
            },
        };
        IConnectionCommand command = kind switch
        {
            "Create" => new CreateConnection(connection, Headers),
            "Modify" => new ModifyConnection(connection, Headers),
            _ => new TestConnection(connection, Headers),
        };

        var decision = decider.Decide(kind == "Modify" ? Existing() : ConnectionState.Empty, command);

        Assert.IsType<LogValidationFailure>(decision.Actions[0]);
        var error = ErrorOf(decision).Error;
        Assert.Equal("connectivity:connection.configuration.invalid", error.ErrorCode);
        Assert.Equal(400, error.Status);
        Assert.StartsWith("The payload mapping 'js' is invalid: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Modify_should_answer_412_when_if_match_names_another_revision()
    {
        var error = ErrorOf(decider.Decide(Existing(), new ModifyConnection(TestConnections.HttpPush(), Headers.With("if-match", "\"rev:7\""))));

        Assert.Equal(412, error.Status);
    }

    [Fact]
    public void Open_should_enable_logging_persist_open_then_respond()
    {
        var decision = decider.Decide(Existing(), new OpenConnection("conn-1", Headers));

        Assert.Collection(
            decision.Actions,
            a => Assert.IsType<EnableLogging>(a),
            a => Assert.IsType<ConnectionOpened>(Assert.Single(Assert.IsType<PersistEvents>(a).Events)),
            a => Assert.False(Assert.IsType<OpenClients>(a).IgnoreErrors),
            a => Assert.IsType<OpenConnectionResponse>(Assert.IsType<Respond>(a).Response));
    }

    [Fact]
    public void Close_should_persist_close_the_clients_then_respond()
    {
        var decision = decider.Decide(Existing("open"), new CloseConnection("conn-1", Headers));

        Assert.Collection(
            decision.Actions,
            a => Assert.IsType<ConnectionClosed>(Assert.Single(Assert.IsType<PersistEvents>(a).Events)),
            a => Assert.IsType<CloseClients>(a),
            a => Assert.IsType<CloseConnectionResponse>(Assert.IsType<Respond>(a).Response));
    }

    [Fact]
    public void Delete_should_persist_close_disable_logging_reset_metrics_then_respond_204()
    {
        var decision = decider.Decide(Existing("open"), new DeleteConnection("conn-1", Headers));

        Assert.Collection(
            decision.Actions,
            a => Assert.IsType<ConnectionDeleted>(Assert.Single(Assert.IsType<PersistEvents>(a).Events)),
            a => Assert.IsType<CloseClients>(a),
            a => Assert.IsType<DisableLogging>(a),
            a => Assert.IsType<ResetMetrics>(a),
            a => Assert.Equal(204, Assert.IsType<Respond>(a).Response.Status));
    }

    [Fact]
    public void Test_should_answer_409_test_result_when_the_connection_exists()
    {
        var decision = decider.Decide(Existing(), new TestConnection(TestConnections.HttpPush(), Headers));

        var response = Assert.IsType<TestConnectionResponse>(Assert.IsType<Respond>(Assert.Single(decision.Actions)).Response);
        Assert.Equal(409, response.Status);
    }

    [Fact]
    public void Test_should_connect_a_temporary_client_without_persisting()
    {
        var decision = decider.Decide(ConnectionState.Empty, new TestConnection(TestConnections.HttpPush("x-dry-run"), Headers));

        Assert.IsType<TestWithClient>(Assert.Single(decision.Actions));
    }

    [Fact]
    public void Retrieve_should_answer_the_selected_fields_with_the_revision_as_etag()
    {
        var decision = decider.Decide(Existing(), new RetrieveConnection("conn-1", FieldSelector.Parse("id,_revision"), Headers));

        var response = Assert.IsType<RetrieveConnectionResponse>(Assert.IsType<Respond>(Assert.Single(decision.Actions)).Response);
        Assert.Equal("""{"id":"conn-1","_revision":1}""", response.ConnectionJson.ToJsonString());
        Assert.Equal("\"rev:1\"", response.Headers["etag"]);
    }

    [Fact]
    public void Retrieve_should_answer_304_when_if_none_match_names_the_current_revision()
    {
        var error = ErrorOf(decider.Decide(Existing(), new RetrieveConnection("conn-1", null, Headers.With("if-none-match", "\"rev:1\""))));

        Assert.Equal(304, error.Status);
    }

    [Fact]
    public void Monitoring_commands_should_reset_or_retrieve_without_persisting()
    {
        Assert.IsType<ResetMetrics>(decider.Decide(Existing(), new ResetConnectionMetrics("conn-1", Headers)).Actions[0]);
        Assert.IsType<ResetLogs>(decider.Decide(Existing(), new ResetConnectionLogs("conn-1", Headers)).Actions[0]);
        Assert.IsType<EnableLogging>(decider.Decide(Existing(), new EnableConnectionLogs("conn-1", Headers)).Actions[0]);
        Assert.IsType<RetrieveMonitoring>(Assert.Single(decider.Decide(Existing(), new RetrieveConnectionStatus("conn-1", Headers)).Actions));
    }

    [Fact]
    public void Sudo_retrieve_tags_should_answer_the_connection_tags()
    {
        var state = ConnectionState.Empty.Apply(new ConnectionCreated(TestConnections.HttpPush(tags: ["a", "b"]), 1, DateTimeOffset.UnixEpoch));

        var response = Assert.IsType<SudoRetrieveConnectionTagsResponse>(
            Assert.IsType<Respond>(Assert.Single(decider.Decide(state, new SudoRetrieveConnectionTags("conn-1", Headers)).Actions)).Response);

        Assert.Equal(["a", "b"], response.ConnectionTags);
    }

    private static ConnectionState Existing(string status = "closed") =>
        ConnectionState.Empty.Apply(new ConnectionCreated(TestConnections.HttpPush(status: status), 1, DateTimeOffset.UnixEpoch));

    private static ConnectivityErrorResponse ErrorOf(ConnectionDecision decision) =>
        Assert.IsType<ConnectivityErrorResponse>(Assert.IsType<Respond>(decision.Actions[^1]).Response);
}
