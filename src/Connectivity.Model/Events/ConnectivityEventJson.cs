using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Events;

/// <summary>
/// The journal form of connectivity events, shaped as Ditto's: <c>type</c>, <c>_timestamp</c> (ISO-8601 instant),
/// <c>_revision</c>, then the payload, <c>connection</c> for created/modified and <c>connectionId</c> otherwise
/// (spec §3.4). The journal's manifest is the <c>type</c>.
/// </summary>
public static class ConnectivityEventJson
{
    private const string TimestampField = "_timestamp";
    private const string RevisionField = "_revision";

    public static JsonObject ToJson(IConnectivityEvent connectivityEvent)
    {
        var json = new JsonObject
        {
            [SignalJson.TypeField] = connectivityEvent.Type,
            [TimestampField] = SignalJson.FormatInstant(connectivityEvent.Timestamp),
            [RevisionField] = connectivityEvent.Revision,
        };
        switch (connectivityEvent)
        {
            case ConnectionCreated created:
                json[SignalJson.ConnectionField] = ConnectionJson.ToJson(created.Connection);
                break;
            case ConnectionModified modified:
                json[SignalJson.ConnectionField] = ConnectionJson.ToJson(modified.Connection);
                break;
            default:
                json[SignalJson.ConnectionIdField] = connectivityEvent.ConnectionId;
                break;
        }

        return json;
    }

    /// <exception cref="DittoRuntimeException"><c>json.field.missing</c> or <c>json.invalid</c> (also for an unknown <c>type</c>).</exception>
    public static IConnectivityEvent FromJson(JsonObject json)
    {
        var type = SignalJson.RequireType(json);
        var revision = SignalJson.RequireLong(json, RevisionField);
        var timestamp = SignalJson.RequireInstant(json, TimestampField);
        return type switch
        {
            ConnectionCreated.TypeName => new ConnectionCreated(ReadConnection(json), revision, timestamp),
            ConnectionModified.TypeName => new ConnectionModified(ReadConnection(json), revision, timestamp),
            ConnectionOpened.TypeName => new ConnectionOpened(SignalJson.RequireConnectionId(json), revision, timestamp),
            ConnectionClosed.TypeName => new ConnectionClosed(SignalJson.RequireConnectionId(json), revision, timestamp),
            ConnectionDeleted.TypeName => new ConnectionDeleted(SignalJson.RequireConnectionId(json), revision, timestamp),
            _ => throw ConnectivityErrors.JsonInvalid($"The event type <{type}> is not a connectivity event."),
        };
    }

    private static Connection ReadConnection(JsonObject json) =>
        ConnectionJson.FromJson(SignalJson.RequireObject(json, SignalJson.ConnectionField));
}
