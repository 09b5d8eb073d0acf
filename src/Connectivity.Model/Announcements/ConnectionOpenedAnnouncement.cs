using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;

namespace Connectivity.Model.Announcements;

/// <summary>Announces that a connection's client connected; sent after every successful (re)connect (spec §4.5, §4.6).</summary>
public sealed record ConnectionOpenedAnnouncement(string ConnectionId, DateTimeOffset OpenedAt, DittoHeaders Headers) : IConnectivityAnnouncement
{
    public const string TypeName = "connectivity.announcements:opened";

    private const string Name = "opened";
    private const string OpenedAtField = "openedAt";

    public string Type => TypeName;

    public JsonObject ToJson() => AnnouncementJson.Signal(TypeName, ConnectionId, OpenedAtField, OpenedAt);

    public JsonObject ToDittoProtocolJson() => AnnouncementJson.DittoProtocol(Name, ConnectionId, Headers, OpenedAtField, OpenedAt);

    public static ConnectionOpenedAnnouncement FromJson(JsonObject json, DittoHeaders headers) =>
        new(SignalJson.RequireConnectionId(json), SignalJson.RequireInstant(json, OpenedAtField), headers);
}
