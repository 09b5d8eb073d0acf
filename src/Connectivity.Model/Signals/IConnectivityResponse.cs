using System.Text.Json.Nodes;
using Connectivity.Model.Headers;

namespace Connectivity.Model.Signals;

/// <summary>A reply to a connectivity command. <see cref="ToJson"/> includes <c>type</c> and <c>status</c>.</summary>
public interface IConnectivityResponse
{
    string Type { get; }

    /// <summary>The HTTP status this response stands for (201 for create, 204 for modify, ...).</summary>
    int Status { get; }

    DittoHeaders Headers { get; }

    JsonObject ToJson();
}
