using System.Text.Json.Nodes;

namespace Connectivity.Model.Rql;

/// <summary>The fields an RQL filter is evaluated against (a thing, a signal, ...).</summary>
public interface IRqlFieldSource
{
    /// <summary>
    /// Looks a field up by its RQL name (<c>attributes/a</c>, <c>header:x</c>). False when the field is absent;
    /// true with a null <paramref name="value"/> when it is present with the JSON value <c>null</c>.
    /// </summary>
    bool TryGet(string field, out JsonNode? value);
}
