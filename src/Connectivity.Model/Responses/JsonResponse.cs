using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>
/// A response kept as its JSON: used for replies this folder does not model (status, metrics and logs responses
/// live in <c>Monitoring</c>) when they are read back after crossing a node boundary. <see cref="ToJson"/> puts
/// <c>type</c> and <c>status</c> first, then the remaining fields of <see cref="Json"/> in order.
/// </summary>
public sealed record JsonResponse(string Type, int Status, JsonObject Json, DittoHeaders Headers) : IConnectivityResponse
{
    public JsonObject ToJson()
    {
        var json = SignalJson.Response(Type, Status);
        foreach (var (field, value) in Json)
        {
            if (field is not SignalJson.TypeField and not SignalJson.StatusField)
            {
                json[field] = value?.DeepClone();
            }
        }

        return json;
    }
}
