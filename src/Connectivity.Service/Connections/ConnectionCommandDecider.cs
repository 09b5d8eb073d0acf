using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Connectivity.Model.Events;
using Connectivity.Model.Responses;
using Connectivity.Model.Signals;
using Connectivity.Model.Validation;
using Connectivity.Service.Mapping;

namespace Connectivity.Service.Connections;

/// <summary>
/// The pure half of the connection actor: given the state and a command, decides the events, the response and the
/// ordered side effects, following the staged sequences of spec §4.2. Invalid commands become an error response
/// (validation failures are also written to the connection log). Besides the model's rules, a connection is valid
/// only if its payload mappers can be built with <paramref name="mapping"/> (spec §1.11).
/// </summary>
public sealed class ConnectionCommandDecider(ConnectionValidator validator, MappingSettings mapping, TimeProvider time)
{
    public ConnectionDecision Decide(ConnectionState state, IConnectionCommand command)
    {
        try
        {
            return command switch
            {
                CreateConnection create => Create(state, create),
                TestConnection test => Test(state, test),
                _ when !state.Exists => Fail(ConnectivityErrors.ConnectionNotFound(command.ConnectionId)),
                ModifyConnection modify => Modify(state, modify),
                RetrieveConnection retrieve => Retrieve(state, retrieve),
                DeleteConnection delete => Delete(state, delete),
                OpenConnection open => Open(state, open),
                CloseConnection close => Close(state, close),
                RetrieveConnectionStatus or RetrieveConnectionMetrics or RetrieveConnectionLogs => ConnectionDecision.Of(new RetrieveMonitoring(command)),
                ResetConnectionMetrics reset => ConnectionDecision.Of(new ResetMetrics(), new Respond(new ResetConnectionMetricsResponse(reset.ConnectionId, reset.Headers))),
                EnableConnectionLogs enable => ConnectionDecision.Of(new EnableLogging(), new Respond(new EnableConnectionLogsResponse(enable.ConnectionId, enable.Headers))),
                ResetConnectionLogs reset => ConnectionDecision.Of(new ResetLogs(), new Respond(new ResetConnectionLogsResponse(reset.ConnectionId, reset.Headers))),
                SudoRetrieveConnectionTags tags => ConnectionDecision.Of(new Respond(new SudoRetrieveConnectionTagsResponse(state.Connection!.Tags, tags.Headers))),
                _ => Fail(ConnectivityErrors.SignalIllegal($"The command '{command.Type}' cannot be handled by a connection.")),
            };
        }
        catch (DittoRuntimeException error)
        {
            return Fail(error);
        }
    }

    private ConnectionDecision Create(ConnectionState state, CreateConnection create)
    {
        if (state.Exists)
        {
            return Fail(ConnectivityErrors.ConnectionConflict(create.ConnectionId));
        }

        if (Validate(create.Connection, null, create.Headers.IsSudo) is { } invalid)
        {
            return invalid;
        }

        var created = new ConnectionCreated(create.Connection, state.Revision + 1, time.GetUtcNow());
        var respond = new Respond(new CreateConnectionResponse(create.Connection, create.Headers));
        return create.Connection.ConnectionStatus == ConnectivityStatus.Open
            ? ConnectionDecision.Of(new EnableLogging(), new PersistEvents([created]), respond, new OpenClients(IgnoreErrors: true))
            : ConnectionDecision.Of(new PersistEvents([created]), respond);
    }

    private ConnectionDecision Test(ConnectionState state, TestConnection test)
    {
        if (state.Exists)
        {
            return ConnectionDecision.Of(new Respond(TestConnectionResponse.AlreadyCreated(test.ConnectionId, test.Headers)));
        }

        return Validate(test.Connection, null, test.Headers.IsSudo) ?? ConnectionDecision.Of(new TestWithClient(test.Connection, test));
    }

    private ConnectionDecision Modify(ConnectionState state, ModifyConnection modify)
    {
        Preconditions.Check(modify.Headers, state.ETag, isRetrieve: false);
        if (Validate(modify.Connection, state.Connection, modify.Headers.IsSudo) is { } invalid)
        {
            return invalid;
        }

        var modified = new ConnectionModified(modify.Connection, state.Revision + 1, time.GetUtcNow());
        var respond = new Respond(new ModifyConnectionResponse(modify.ConnectionId, modify.Headers));
        var wasOpen = state.DesiredOpen;
        var willBeOpen = modify.Connection.ConnectionStatus == ConnectivityStatus.Open;
        return (wasOpen, willBeOpen) switch
        {
            (_, true) => ConnectionDecision.Of(new PersistEvents([modified]), new CloseClients(), new OpenClients(IgnoreErrors: false), respond),
            (true, false) => ConnectionDecision.Of(new PersistEvents([modified]), new CloseClients(), respond),
            _ => ConnectionDecision.Of(new PersistEvents([modified]), respond),
        };
    }

    private static ConnectionDecision Retrieve(ConnectionState state, RetrieveConnection retrieve)
    {
        Preconditions.Check(retrieve.Headers, state.ETag, isRetrieve: true);
        var json = ConnectionJson.ToJson(state.Connection!, retrieve.SelectedFields, state.Metadata);
        var headers = retrieve.Headers.With("etag", state.ETag);
        return ConnectionDecision.Of(new Respond(new RetrieveConnectionResponse(json, headers)));
    }

    private ConnectionDecision Delete(ConnectionState state, DeleteConnection delete)
    {
        Preconditions.Check(delete.Headers, state.ETag, isRetrieve: false);
        var deleted = new ConnectionDeleted(delete.ConnectionId, state.Revision + 1, time.GetUtcNow());
        return ConnectionDecision.Of(
            new PersistEvents([deleted]),
            new CloseClients(),
            new DisableLogging(),
            new ResetMetrics(),
            new Respond(new DeleteConnectionResponse(delete.ConnectionId, delete.Headers)));
    }

    private ConnectionDecision Open(ConnectionState state, OpenConnection open)
    {
        if (Validate(state.Connection! with { ConnectionStatus = ConnectivityStatus.Open }, state.Connection, sudo: true) is { } invalid)
        {
            return invalid;
        }

        var opened = new ConnectionOpened(open.ConnectionId, state.Revision + 1, time.GetUtcNow());
        return ConnectionDecision.Of(
            new EnableLogging(),
            new PersistEvents([opened]),
            new OpenClients(IgnoreErrors: false),
            new Respond(new OpenConnectionResponse(open.ConnectionId, open.Headers)));
    }

    private ConnectionDecision Close(ConnectionState state, CloseConnection close)
    {
        var closed = new ConnectionClosed(close.ConnectionId, state.Revision + 1, time.GetUtcNow());
        return ConnectionDecision.Of(
            new PersistEvents([closed]),
            new CloseClients(),
            new Respond(new CloseConnectionResponse(close.ConnectionId, close.Headers)));
    }

    private ConnectionDecision? Validate(Connection connection, Connection? existing, bool sudo)
    {
        try
        {
            validator.Validate(connection, existing, sudo);
            ValidateMappings(connection);
            return null;
        }
        catch (DittoRuntimeException error)
        {
            return ConnectionDecision.Of(new LogValidationFailure(error), new Respond(new ConnectivityErrorResponse(error, Model.Headers.DittoHeaders.Empty)));
        }
    }

    /// <summary>Builds the connection's payload mappers once, as its clients will: unknown engines, bad options or scripts are rejected here.</summary>
    private void ValidateMappings(Connection connection)
    {
        try
        {
            ConnectionMappers.Create(connection, mapping, time);
        }
        catch (MapperConfigurationException e)
        {
            throw ConnectivityErrors.ConfigurationInvalid(e.Message, e.Description);
        }
    }

    private static ConnectionDecision Fail(DittoRuntimeException error) =>
        ConnectionDecision.Of(new Respond(new ConnectivityErrorResponse(error, Model.Headers.DittoHeaders.Empty)));
}
