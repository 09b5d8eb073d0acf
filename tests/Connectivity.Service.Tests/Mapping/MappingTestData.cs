using System.Text;
using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Protocol;
using Connectivity.Service.Mapping;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Tests.Mapping;

/// <summary>Messages, signals and mappers the mapping tests share.</summary>
internal static class MappingTestData
{
    public const string ConnectionId = "connection-a";

    /// <summary>The script: a device's telemetry on <c>devices/{id}/telemetry</c> becomes a live message.</summary>
    public const string TelemetryScript = """
        function mapToDittoProtocolMsg(headers, textPayload, bytePayload, contentType) {
          const deviceId = headers['mqtt.topic'].split('/')[1];
          const value = JSON.parse(textPayload);
          const dittoHeaders = { 'correlation-id': headers['correlation-id'], 'content-type': 'application/json' };
          return Ditto.buildDittoProtocolMsg('org.acme', deviceId, 'things', 'live', 'messages', 'telemetry',
              '/inbox/messages/telemetry', dittoHeaders, value);
        }
        """;

    public static ExternalMessage Text(string payload, string? contentType = "application/json", params (string Name, string Value)[] headers) =>
        new()
        {
            Headers = WithContentType(contentType, headers),
            TextPayload = payload,
            SourceAddress = "devices/+/telemetry",
        };

    public static ExternalMessage Bytes(byte[] payload, string? contentType = "application/octet-stream", params (string Name, string Value)[] headers) =>
        new()
        {
            Headers = WithContentType(contentType, headers),
            BytePayload = payload,
            SourceAddress = "devices/+/telemetry",
        };

    public static DittoProtocolMessage LiveMessage(string thingId = "org.acme:d1", string subject = "telemetry", JsonNode? value = null, params (string Name, string Value)[] headers)
    {
        var (ns, name) = (thingId.Split(':', 2)[0], thingId.Split(':', 2)[1]);
        return new DittoProtocolMessage
        {
            Topic = new DittoTopic(ns, name, "things", "live", "messages", subject),
            Path = $"/inbox/messages/{subject}",
            Headers = DittoHeaders.Of(headers.Select(h => KeyValuePair.Create(h.Name, h.Value))),
            Value = value ?? new JsonObject { ["temp"] = 21.5 },
        };
    }

    public static DittoProtocolMessage TwinEvent(string action, string path, JsonNode? value, long revision = 7, string timestamp = "2026-01-21T08:57:24.710Z") =>
        new()
        {
            Topic = new DittoTopic("org.acme", "d1", "things", "twin", "events", action),
            Path = path,
            Headers = DittoHeaders.Of([KeyValuePair.Create("correlation-id", "c-1")]),
            Value = value,
            Revision = revision,
            Timestamp = timestamp,
        };

    public static MappingContext JavaScript(string incoming, string outgoing = "", JsonObject? extraOptions = null)
    {
        var options = extraOptions ?? [];
        options["incomingScript"] = incoming;
        options["outgoingScript"] = outgoing;
        return new MappingContext { MappingEngine = "JavaScript", Options = options };
    }

    public static MappingContext Engine(string engine, JsonObject? options = null) => new() { MappingEngine = engine, Options = options ?? [] };

    public static IMessageMapper Mapper(MappingContext context, MappingSettings? settings = null, string id = "mapping") =>
        MessageMapperFactory.Create(id, context, settings ?? MappingSettings.Default, TimeProvider.System, ConnectionId);

    public static string Utf8(ReadOnlyMemory<byte> bytes) => Encoding.UTF8.GetString(bytes.Span);

    private static Dictionary<string, string> WithContentType(string? contentType, (string Name, string Value)[] headers)
    {
        var all = headers.ToDictionary(h => h.Name, h => h.Value, StringComparer.OrdinalIgnoreCase);
        if (contentType is not null)
        {
            all["content-type"] = contentType;
        }

        return all;
    }
}
