using System.Text.Json.Nodes;
using Connectivity.Cluster.Transport;

namespace Connectivity.Cluster.Tests.Transport;

/// <summary>The registry every test node uses, as the composition root would build it from the model's messages.</summary>
public static class TestSerializers
{
    public static MessageSerializerRegistry Create()
    {
        var registry = new MessageSerializerRegistry();
        registry.Register<Ping>("test:ping", p => new JsonObject { ["text"] = p.Text }, json => new Ping((string)json["text"]!));
        registry.Register<Pong>("test:pong", p => new JsonObject { ["text"] = p.Text }, json => new Pong((string)json["text"]!));
        registry.Register<int>("test:int", i => JsonValue.Create(i), json => json.GetValue<int>());
        registry.Register<ITestCommand>("test.commands", c => c.ToJson(), ReadCommand);
        registry.RegisterException<CodedException>(
            "test:coded",
            e => new JsonObject { ["errorCode"] = e.ErrorCode, ["message"] = e.Message },
            json => new CodedException((string)json["errorCode"]!, (string)json["message"]!));
        return registry;
    }

    private static ITestCommand ReadCommand(JsonNode json) => (string?)json["type"] switch
    {
        "test.commands:open" => new OpenCommand((string)json["connectionId"]!),
        "test.commands:close" => new CloseCommand((string)json["connectionId"]!),
        var other => throw new FormatException($"Unknown command type '{other}'."),
    };
}
