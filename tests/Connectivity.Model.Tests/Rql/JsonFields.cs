using System.Text.Json.Nodes;
using Connectivity.Model.Rql;

namespace Connectivity.Model.Tests.Rql;

/// <summary>A test field source: <c>a/b</c> walks the objects of a JSON document.</summary>
internal sealed class JsonFields(string json) : IRqlFieldSource
{
    private readonly JsonObject root = JsonNode.Parse(json)!.AsObject();

    public bool TryGet(string field, out JsonNode? value)
    {
        JsonNode? node = root;
        foreach (var key in field.Split('/'))
        {
            if (node is not JsonObject obj || !obj.TryGetPropertyValue(key, out node))
            {
                value = null;
                return false;
            }
        }

        value = node;
        return true;
    }
}
