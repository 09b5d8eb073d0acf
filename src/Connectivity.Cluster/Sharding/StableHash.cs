using System.Text;

namespace Connectivity.Cluster.Sharding;

/// <summary>
/// A hash of entity ids that is the same in every process and on every node (FNV-1a over UTF-8), unlike
/// <see cref="string.GetHashCode()"/>, which is randomized per process.
/// </summary>
public static class StableHash
{
    public static uint Of(string value)
    {
        const uint offset = 2166136261;
        const uint prime = 16777619;
        var hash = offset;
        Span<byte> buffer = value.Length <= 256 ? stackalloc byte[Encoding.UTF8.GetMaxByteCount(value.Length)] : new byte[Encoding.UTF8.GetMaxByteCount(value.Length)];
        var length = Encoding.UTF8.GetBytes(value, buffer);
        foreach (var b in buffer[..length])
        {
            hash = (hash ^ b) * prime;
        }

        return hash;
    }

    /// <summary>The shard of an entity id: its stable hash modulo the shard count, as a decimal string.</summary>
    public static string ShardOf(string entityId, int numberOfShards) => (Of(entityId) % (uint)numberOfShards).ToString(System.Globalization.CultureInfo.InvariantCulture);
}
