using System.Collections.Frozen;
using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>
/// Reads a response's JSON back, e.g. a reply that crossed a node boundary. An object with an <c>error</c> field is a
/// <see cref="ConnectivityErrorResponse"/> (as is the event-bus form <c>connectivity.responses:errorResponse</c> with
/// the error JSON in <c>payload</c>, spec §3.4); known types become their records; any other typed response becomes a
/// <see cref="JsonResponse"/>.
/// </summary>
public static class ConnectivityResponseParser
{
    private const string ErrorField = "error";
    private const string PayloadField = "payload";

    private static readonly FrozenDictionary<string, Func<JsonObject, DittoHeaders, IConnectivityResponse>> Parsers =
        new Dictionary<string, Func<JsonObject, DittoHeaders, IConnectivityResponse>>
        {
            [CreateConnectionResponse.TypeName] = CreateConnectionResponse.FromJson,
            [ModifyConnectionResponse.TypeName] = ModifyConnectionResponse.FromJson,
            [RetrieveConnectionResponse.TypeName] = RetrieveConnectionResponse.FromJson,
            [DeleteConnectionResponse.TypeName] = DeleteConnectionResponse.FromJson,
            [OpenConnectionResponse.TypeName] = OpenConnectionResponse.FromJson,
            [CloseConnectionResponse.TypeName] = CloseConnectionResponse.FromJson,
            [TestConnectionResponse.TypeName] = TestConnectionResponse.FromJson,
            [ResetConnectionMetricsResponse.TypeName] = ResetConnectionMetricsResponse.FromJson,
            [EnableConnectionLogsResponse.TypeName] = EnableConnectionLogsResponse.FromJson,
            [ResetConnectionLogsResponse.TypeName] = ResetConnectionLogsResponse.FromJson,
            [RetrieveAllConnectionIdsResponse.TypeName] = RetrieveAllConnectionIdsResponse.FromJson,
            [SudoRetrieveConnectionTagsResponse.TypeName] = SudoRetrieveConnectionTagsResponse.FromJson,
            [SudoRetrieveConnectionIdsByTagResponse.TypeName] = SudoRetrieveConnectionIdsByTagResponse.FromJson,
        }.ToFrozenDictionary(StringComparer.Ordinal);

    /// <exception cref="DittoRuntimeException"><c>json.field.missing</c> without <c>type</c> or <c>status</c>, or a required payload field.</exception>
    public static IConnectivityResponse Parse(JsonObject json, DittoHeaders? headers = null)
    {
        headers ??= DittoHeaders.Empty;
        if (json.ContainsKey(ErrorField))
        {
            return new ConnectivityErrorResponse(DittoRuntimeException.FromJson(json), headers);
        }

        var type = SignalJson.RequireType(json);
        if (type == ConnectivityErrorResponse.TypeName)
        {
            return new ConnectivityErrorResponse(DittoRuntimeException.FromJson(SignalJson.RequireObject(json, PayloadField)), headers);
        }

        return Parsers.TryGetValue(type, out var parse)
            ? parse(json, headers)
            : new JsonResponse(type, SignalJson.RequireInt(json, SignalJson.StatusField), (JsonObject)json.DeepClone(), headers);
    }
}
