using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>
/// Reads a command's JSON (a piggyback <c>piggybackCommand</c>, or a command that crossed a node boundary) by
/// dispatching on its <c>type</c> (spec §3.1, §3.4). The headers travel beside the JSON, not inside it.
/// </summary>
public static class ConnectivityCommandParser
{
    private static readonly FrozenDictionary<string, Func<JsonObject, DittoHeaders, IConnectivityCommand>> Parsers =
        new Dictionary<string, Func<JsonObject, DittoHeaders, IConnectivityCommand>>
        {
            [CreateConnection.TypeName] = CreateConnection.FromJson,
            [ModifyConnection.TypeName] = ModifyConnection.FromJson,
            [RetrieveConnection.TypeName] = RetrieveConnection.FromJson,
            [DeleteConnection.TypeName] = DeleteConnection.FromJson,
            [OpenConnection.TypeName] = OpenConnection.FromJson,
            [CloseConnection.TypeName] = CloseConnection.FromJson,
            [TestConnection.TypeName] = TestConnection.FromJson,
            [RetrieveConnectionStatus.TypeName] = RetrieveConnectionStatus.FromJson,
            [RetrieveConnectionMetrics.TypeName] = RetrieveConnectionMetrics.FromJson,
            [ResetConnectionMetrics.TypeName] = ResetConnectionMetrics.FromJson,
            [EnableConnectionLogs.TypeName] = EnableConnectionLogs.FromJson,
            [RetrieveConnectionLogs.TypeName] = RetrieveConnectionLogs.FromJson,
            [ResetConnectionLogs.TypeName] = ResetConnectionLogs.FromJson,
            [RetrieveAllConnectionIds.TypeName] = RetrieveAllConnectionIds.FromJson,
            [SudoRetrieveConnectionTags.TypeName] = SudoRetrieveConnectionTags.FromJson,
            [SudoRetrieveConnectionIdsByTag.TypeName] = SudoRetrieveConnectionIdsByTag.FromJson,
            [CheckConnectionLogsActive.TypeName] = CheckConnectionLogsActive.FromJson,
            [LoggingExpired.TypeName] = LoggingExpired.FromJson,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <summary>All command types this parser understands.</summary>
    public static IReadOnlyCollection<string> SupportedTypes => Parsers.Keys;

    /// <exception cref="DittoRuntimeException">
    /// <c>json.field.missing</c> without <c>type</c> or a required field, <c>json.type.notparsable</c> ("no mapping
    /// strategy") for an unknown type, <c>connectivity:connection.id.invalid</c> for a malformed id, <c>json.invalid</c> for bad values.
    /// </exception>
    public static IConnectivityCommand Parse(JsonObject json, DittoHeaders headers)
    {
        var type = SignalJson.RequireType(json);
        return Parsers.TryGetValue(type, out var parse)
            ? parse(json, headers)
            : throw ConnectivityErrors.CommandTypeUnknown(type);
    }
}
