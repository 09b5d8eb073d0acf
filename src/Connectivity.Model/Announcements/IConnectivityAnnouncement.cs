using System.Text.Json.Nodes;
using Connectivity.Model.Headers;

namespace Connectivity.Model.Announcements;

/// <summary>
/// A connection announcement (spec §4.6), published to targets subscribed to <c>_/_/connections/announcements</c>.
/// </summary>
public interface IConnectivityAnnouncement
{
    /// <summary>The signal type, e.g. <c>connectivity.announcements:opened</c>.</summary>
    string Type { get; }

    string ConnectionId { get; }

    DittoHeaders Headers { get; }

    /// <summary>The signal JSON: <c>type</c>, <c>connectionId</c>, then the timestamp field.</summary>
    JsonObject ToJson();

    /// <summary>The Ditto Protocol message: <c>topic</c>, <c>headers</c>, <c>path</c> <c>/</c>, <c>value</c>.</summary>
    JsonObject ToDittoProtocolJson();
}
