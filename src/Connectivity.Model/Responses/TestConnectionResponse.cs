using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Responses;

/// <summary>
/// Reply to <c>testConnection</c> (spec §3.4): 200 with the free-text test result, or 409 when the connection already
/// exists so that no test is possible.
/// </summary>
public sealed record TestConnectionResponse(string ConnectionId, string TestResult, int Status, DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:testConnection";

    private const string TestResultField = "testResult";

    public string Type => TypeName;

    public static TestConnectionResponse Success(string connectionId, string testResult, DittoHeaders headers) =>
        new(connectionId, testResult, 200, headers);

    public static TestConnectionResponse AlreadyCreated(string connectionId, DittoHeaders headers) =>
        new(connectionId, "Connection was already created - no test possible.", 409, headers);

    public JsonObject ToJson() => SignalJson.Response(
        TypeName,
        Status,
        (SignalJson.ConnectionIdField, ConnectionId),
        (TestResultField, TestResult));

    public static TestConnectionResponse FromJson(JsonObject json, DittoHeaders headers) => new(
        SignalJson.RequireString(json, SignalJson.ConnectionIdField),
        SignalJson.RequireString(json, TestResultField),
        SignalJson.RequireInt(json, SignalJson.StatusField),
        headers);
}
