using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// Reply to <c>retrieveConnectionStatus</c> (spec §3.5): desired and live status, recovery status, and the per-client
/// resource statuses. Empty resource lists and a missing <see cref="ConnectedSince"/> are omitted from the JSON.
/// </summary>
public sealed record RetrieveConnectionStatusResponse(
    string ConnectionId,
    string ConnectionStatus,
    string LiveStatus,
    string RecoveryStatus,
    DateTimeOffset? ConnectedSince,
    IReadOnlyList<ResourceStatus> ClientStatus,
    IReadOnlyList<ResourceStatus> SourceStatus,
    IReadOnlyList<ResourceStatus> TargetStatus,
    IReadOnlyList<ResourceStatus> SshTunnelStatus,
    DittoHeaders Headers) : IConnectivityResponse
{
    public const string TypeName = "connectivity.responses:retrieveConnectionStatus";

    /// <summary>The <c>statusDetails</c> of the client entry when no client actor is running.</summary>
    public const string ClosedStatusDetails = "[DISCONNECTED] connection is closed";

    public string Type => TypeName;

    public int Status => 200;

    /// <summary>
    /// The answer when no client actors run (spec §3.5 last bullet): everything closed, recovery unknown, and one
    /// closed client entry for <paramref name="instanceId"/> since <paramref name="closedAt"/> (the epoch if unknown).
    /// </summary>
    public static RetrieveConnectionStatusResponse ClosedConnection(
        string connectionId, string instanceId, DateTimeOffset? closedAt, DittoHeaders headers)
    {
        var client = new ResourceStatus(
            ResourceType.Client,
            instanceId,
            null,
            Monitoring.LiveStatus.Closed,
            StatusDetails: ClosedStatusDetails,
            InStateSince: closedAt ?? DateTimeOffset.UnixEpoch);
        return new RetrieveConnectionStatusResponse(
            connectionId,
            Monitoring.LiveStatus.Closed,
            Monitoring.LiveStatus.Closed,
            Monitoring.RecoveryStatus.Unknown,
            null,
            [client],
            [],
            [],
            [],
            headers);
    }

    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["type"] = Type,
            ["status"] = Status,
            ["connectionId"] = ConnectionId,
            ["connectionStatus"] = ConnectionStatus,
            ["liveStatus"] = LiveStatus,
            ["recoveryStatus"] = RecoveryStatus,
        };
        if (ConnectedSince is { } since)
        {
            json["connectedSince"] = JavaInstant.Format(since);
        }

        AddList(json, "clientStatus", ClientStatus);
        AddList(json, "sourceStatus", SourceStatus);
        AddList(json, "targetStatus", TargetStatus);
        AddList(json, "sshTunnelStatus", SshTunnelStatus);
        return json;
    }

    public static RetrieveConnectionStatusResponse FromJson(JsonObject json, DittoHeaders headers) =>
        new(
            MonitoringJson.RequiredString(json, "connectionId"),
            MonitoringJson.RequiredString(json, "connectionStatus"),
            MonitoringJson.RequiredString(json, "liveStatus"),
            MonitoringJson.OptionalString(json, "recoveryStatus") ?? Monitoring.RecoveryStatus.Unknown,
            MonitoringJson.OptionalInstant(json, "connectedSince"),
            ReadList(json, "clientStatus"),
            ReadList(json, "sourceStatus"),
            ReadList(json, "targetStatus"),
            ReadList(json, "sshTunnelStatus"),
            headers);

    private static void AddList(JsonObject json, string key, IReadOnlyList<ResourceStatus> statuses)
    {
        if (statuses.Count > 0)
        {
            json[key] = new JsonArray([.. statuses.Select(status => (JsonNode)status.ToJson())]);
        }
    }

    private static ResourceStatus[] ReadList(JsonObject json, string key) =>
        [.. MonitoringJson.Objects(json, key).Select(ResourceStatus.FromJson)];
}
