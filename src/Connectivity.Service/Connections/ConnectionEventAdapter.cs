using System.Text.Json.Nodes;
using Connectivity.Model.Events;
using Connectivity.Persistence.Actors;

namespace Connectivity.Service.Connections;

/// <summary>Journal form of connectivity events: the manifest is the event's type, the payload its Ditto JSON.</summary>
public sealed class ConnectionEventAdapter : IEventAdapter
{
    public static ConnectionEventAdapter Instance { get; } = new();

    public (string Manifest, string Payload) ToJournal(object evt)
    {
        var connectivityEvent = (IConnectivityEvent)evt;
        return (connectivityEvent.Type, ConnectivityEventJson.ToJson(connectivityEvent).ToJsonString());
    }

    public object FromJournal(string manifest, string payload) =>
        ConnectivityEventJson.FromJson(JsonNode.Parse(payload)!.AsObject());
}
