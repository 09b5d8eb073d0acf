using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;

namespace Connectivity.Model.Announcements;

/// <summary>Announces that a connection is about to close gracefully (close, delete, shutdown); sent the disconnect-announcement timeout before the actual disconnect (spec §4.6).</summary>
public sealed record ConnectionClosedAnnouncement(string ConnectionId, DateTimeOffset ClosedAt, DittoHeaders Headers) : IConnectivityAnnouncement
{
    public const string TypeName = "connectivity.announcements:closed";

    private const string Name = "closed";
    private const string ClosedAtField = "closedAt";

    public string Type => TypeName;

    public JsonObject ToJson() => AnnouncementJson.Signal(TypeName, ConnectionId, ClosedAtField, ClosedAt);

    public JsonObject ToDittoProtocolJson() => AnnouncementJson.DittoProtocol(Name, ConnectionId, Headers, ClosedAtField, ClosedAt);

    public static ConnectionClosedAnnouncement FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireConnectionId(json), SignalJson.RequireInstant(json, ClosedAtField), headers);
}
