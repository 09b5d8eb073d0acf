using System.Text.Json.Nodes;
using Connectivity.Model.Commands;
using Connectivity.Model.Headers;

namespace Connectivity.Model.Announcements;

/// <summary>The two JSON forms shared by the connection announcements (spec §4.6, §7.4).</summary>
internal static class AnnouncementJson
{
    private const string ContentTypeHeader = "content-type";

    public static JsonObject Signal(string type, string connectionId, string timestampField, DateTimeOffset timestamp) => new()
    {
        [SignalJson.TypeField] = type,
        [SignalJson.ConnectionIdField] = connectionId,
        [timestampField] = SignalJson.FormatInstant(timestamp),
    };

    /// <summary>Topic <c>_/&lt;connectionId&gt;/connections/announcements/&lt;name&gt;</c>: no namespace, no channel.</summary>
    public static JsonObject DittoProtocol(string name, string connectionId, DittoHeaders headers, string timestampField, DateTimeOffset timestamp) => new()
    {
        ["topic"] = $"_/{connectionId}/connections/announcements/{name}",
        ["headers"] = headers.With(ContentTypeHeader, "application/json").ToJson(),
        ["path"] = "/",
        ["value"] = new JsonObject { [timestampField] = SignalJson.FormatInstant(timestamp) },
    };
}
