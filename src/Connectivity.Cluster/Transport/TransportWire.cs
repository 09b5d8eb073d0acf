using System.Diagnostics.CodeAnalysis;
using System.Text.Json.Nodes;

namespace Connectivity.Cluster.Transport;

/// <summary>Paths, header and JSON shapes of the wire format described on <see cref="ClusterTransportEndpoints"/>.</summary>
internal static class TransportWire
{
    public const string Prefix = "/cluster/v1";
    public const string TellPath = Prefix + "/tell";
    public const string AskPath = Prefix + "/ask";
    public const string SecretHeader = "X-Cluster-Secret";

    /// <summary>When the sender stops waiting (Unix milliseconds); a node that gets to a request only later drops it.</summary>
    public const string DeadlineHeader = "X-Cluster-Deadline";
    public const string JsonMediaType = "application/json";

    public static JsonObject Request(string recipient, string typeId, JsonNode message, string? sender)
    {
        var body = new JsonObject { ["recipient"] = recipient, ["typeId"] = typeId, ["message"] = message };
        if (sender is not null)
        {
            body["sender"] = sender;
        }

        return body;
    }

    public static JsonObject Reply(string typeId, JsonNode message) => new() { ["typeId"] = typeId, ["message"] = message };

    public static JsonObject Error(string error, string message) => new() { ["error"] = error, ["message"] = message };

    public static string Sender(string nodeAddress, string path) => nodeAddress + "|" + path;

    public static bool TrySplitSender(string sender, [NotNullWhen(true)] out string? nodeAddress, [NotNullWhen(true)] out string? path)
    {
        var bar = sender.IndexOf('|', StringComparison.Ordinal);
        if (bar <= 0 || bar == sender.Length - 1 || sender[bar + 1] != '/')
        {
            nodeAddress = path = null;
            return false;
        }

        nodeAddress = sender[..bar];
        path = sender[(bar + 1)..];
        return true;
    }

    /// <summary>Reads a request body; <paramref name="error"/> says what is missing.</summary>
    public static bool TryReadRequest(
        JsonNode? body,
        [NotNullWhen(true)] out string? recipient,
        [NotNullWhen(true)] out string? typeId,
        [NotNullWhen(true)] out JsonNode? message,
        out string? sender,
        [NotNullWhen(false)] out string? error)
    {
        recipient = typeId = sender = error = null;
        message = null;
        if (body is not JsonObject json)
        {
            error = "The body is not a JSON object.";
            return false;
        }

        recipient = ReadString(json, "recipient");
        typeId = ReadString(json, "typeId");
        message = json["message"];
        sender = ReadString(json, "sender");
        error = recipient is null || !recipient.StartsWith('/') ? "'recipient' must be an absolute actor path."
            : typeId is null ? "'typeId' is missing."
            : message is null ? "'message' is missing."
            : null;
        return error is null;
    }

    private static string? ReadString(JsonObject json, string name) =>
        json[name] is JsonValue value && value.TryGetValue<string>(out var text) ? text : null;
}
