using System.Text.Json.Nodes;
using Connectivity.Model.Headers;

namespace Connectivity.Model.Signals;

/// <summary>A command of the connectivity service; <see cref="Type"/> is Ditto's type id, e.g. <c>connectivity.commands:openConnection</c>.</summary>
public interface IConnectivityCommand
{
    string Type { get; }

    DittoHeaders Headers { get; }

    /// <summary>The command's JSON, <c>type</c> first, as the piggyback <c>piggybackCommand</c> carries it.</summary>
    JsonObject ToJson();
}
