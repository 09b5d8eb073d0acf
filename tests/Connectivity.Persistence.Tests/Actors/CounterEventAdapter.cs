using System.Text.Json;
using Connectivity.Persistence.Actors;

namespace Connectivity.Persistence.Tests.Actors;

public sealed class CounterEventAdapter : IEventAdapter
{
    public static CounterEventAdapter Instance { get; } = new();

    public (string Manifest, string Payload) ToJournal(object evt) => evt switch
    {
        Incremented incremented => ("counter.incremented", JsonSerializer.Serialize(incremented)),
        _ => throw new ArgumentException($"Not a counter event: {evt}", nameof(evt)),
    };

    public object FromJournal(string manifest, string payload) => manifest switch
    {
        "counter.incremented" => JsonSerializer.Deserialize<Incremented>(payload)!,
        _ => throw new ArgumentException($"Unknown manifest: {manifest}", nameof(manifest)),
    };
}
