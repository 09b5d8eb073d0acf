using System.Text.Json.Nodes;

namespace Connectivity.Cluster.Tests.Transport;

/// <summary>A message family registered once through its interface; the JSON carries the concrete <c>type</c>.</summary>
public interface ITestCommand
{
    string Type { get; }

    JsonNode ToJson();
}

public sealed record OpenCommand(string ConnectionId) : ITestCommand
{
    public string Type => "test.commands:open";

    public JsonNode ToJson() => new JsonObject { ["type"] = Type, ["connectionId"] = ConnectionId };
}

public sealed record CloseCommand(string ConnectionId) : ITestCommand
{
    public string Type => "test.commands:close";

    public JsonNode ToJson() => new JsonObject { ["type"] = Type, ["connectionId"] = ConnectionId };
}
