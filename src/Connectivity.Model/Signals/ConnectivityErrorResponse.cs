using System.Text.Json.Nodes;
using Connectivity.Model.Errors;
using Connectivity.Model.Headers;

namespace Connectivity.Model.Signals;

/// <summary>
/// A failed command's reply. Its JSON is the plain error JSON (status, error, message, description), which is
/// what both the HTTP API and the piggyback envelope show.
/// </summary>
public sealed record ConnectivityErrorResponse(DittoRuntimeException Error, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:errorResponse";

    public string Type => TypeName;

    public int Status => Error.Status;

    public JsonObject ToJson() => Error.ToJson();
}
