using System.Text;
using System.Text.Json.Nodes;
using Connectivity.Model.Protocol;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping.JavaScript;

/// <summary>
/// The <c>JavaScript</c> engine (spec §7.2) on Jint 2.10: options <c>incomingScript</c> and <c>outgoingScript</c>
/// (an empty script maps as the <c>Ditto</c> engine does). Both scripts share one scope, are limited to
/// <see cref="MappingSettings.MaxScriptSizeBytes"/>, compiled once and loaded at creation, and run per message in a
/// sandboxed engine that is reused while its calls succeed (<see cref="JavaScriptSandbox"/>). Byte payloads are arrays of numbers 0..255 (Jint 2.x has no
/// ArrayBuffer; see <c>ditto-scope.js</c>). <c>loadBytebufferJS</c> and <c>loadLongJS</c> are not available.
/// </summary>
public sealed class JavaScriptMessageMapper : IMessageMapper
{
    /// <summary>The engine alias.</summary>
    public const string Alias = "JavaScript";

    private static readonly string[] UnavailableLibraries = ["loadBytebufferJS", "loadLongJS"];

    private readonly MappingSettings settings;
    private readonly JavaScriptSandbox sandbox;
    private readonly bool mapsIncomingAsDitto;
    private readonly bool mapsOutgoingAsDitto;

    private JavaScriptMessageMapper(string id, MappingSettings settings, JavaScriptSandbox sandbox, bool incomingAsDitto, bool outgoingAsDitto)
    {
        Id = id;
        this.settings = settings;
        this.sandbox = sandbox;
        mapsIncomingAsDitto = incomingAsDitto;
        mapsOutgoingAsDitto = outgoingAsDitto;
    }

    public string Id { get; }

    public bool MapsIncoming => true;

    public bool MapsOutgoing => true;

    /// <summary>Validates the options, compiles the scripts and runs their top level once; throws <see cref="MapperConfigurationException"/>.</summary>
    internal static JavaScriptMessageMapper Create(string id, MapperOptions options, MappingSettings settings)
    {
        var incoming = options.RequiredString("incomingScript");
        var outgoing = options.RequiredString("outgoingScript");
        foreach (var library in UnavailableLibraries.Where(o => options.Bool(o, false)))
        {
            throw new MapperConfigurationException($"The option <{library}> is not supported: this JavaScript engine provides no bytebuffer.js or long.js.")
            {
                Description = $"Remove the option '{library}' and work on the byte payload as an array of numbers.",
            };
        }

        var sizes = (Incoming: Encoding.UTF8.GetByteCount(incoming), Outgoing: Encoding.UTF8.GetByteCount(outgoing));
        if (sizes.Incoming > settings.MaxScriptSizeBytes || sizes.Outgoing > settings.MaxScriptSizeBytes)
        {
            throw new MapperConfigurationException(
                $"The script size was bigger than the allowed <{settings.MaxScriptSizeBytes}> bytes: incoming script size was <{sizes.Incoming}> bytes, "
                + $"outgoing script size was <{sizes.Outgoing}> bytes.")
            {
                Description = "Make the scripts smaller.",
            };
        }

        try
        {
            var sandbox = JavaScriptSandbox.Create(settings, [new("incomingScript", incoming), new("outgoingScript", outgoing)]);
            return new JavaScriptMessageMapper(id, settings, sandbox, incoming.Length == 0, outgoing.Length == 0);
        }
        catch (JavaScriptLoadException e)
        {
            throw new MapperConfigurationException(e.Message, e) { Description = "Fix the script." };
        }
    }

    public IReadOnlyList<DittoProtocolMessage> MapIncoming(ExternalMessage message)
    {
        if (mapsIncomingAsDitto)
        {
            return [MappingPayloads.ParseDittoProtocol(message)];
        }

        var argument = new JsonObject
        {
            ["headers"] = new JsonObject(message.Headers.Select(h => KeyValuePair.Create(h.Key, (JsonNode?)h.Value))),
            ["textPayload"] = message.TextPayload,
            ["bytePayload"] = message.BytePayload is { } bytes ? new JsonArray([.. bytes.ToArray().Select(b => (JsonNode?)b)]) : null,
            ["contentType"] = message.ContentType,
        };
        var results = JavaScriptResults.Read(sandbox.Call("__dittoMapIncoming", argument.ToJsonString()), "incomingScript", settings);
        return [.. results.Select(ToDittoProtocolMessage)];
    }

    public IReadOnlyList<OutboundExternalMessage> MapOutgoing(DittoProtocolMessage message)
    {
        if (mapsOutgoingAsDitto)
        {
            return [MappingPayloads.ToDittoProtocol(message)];
        }

        var results = JavaScriptResults.Read(sandbox.Call("__dittoMapOutgoing", message.ToJson().ToJsonString()), "outgoingScript", settings);
        return [.. results.Select(JavaScriptResults.ToExternalMessage)];
    }

    private static DittoProtocolMessage ToDittoProtocolMessage(JsonObject result)
    {
        try
        {
            return DittoProtocolMessage.FromJson(result);
        }
        catch (DittoProtocolException e)
        {
            throw new MessageMappingException($"The incomingScript returned an invalid Ditto Protocol message: {e.Message}", e);
        }
    }
}
