using System.Text.Json.Nodes;

namespace Connectivity.Cluster.Transport;

/// <summary>Turns messages into JSON tagged with a type id and back, so they can cross the node-to-node transport.</summary>
public interface IMessageSerializer
{
    /// <summary>False when no serializer is registered for the message's type.</summary>
    bool TrySerialize(object message, out string typeId, out JsonNode json);

    /// <summary>Rebuilds a message; throws <see cref="System.Runtime.Serialization.SerializationException"/> for an unknown type id or unreadable JSON.</summary>
    object Deserialize(string typeId, JsonNode json);
}
