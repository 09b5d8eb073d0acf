using System.Text.RegularExpressions;

namespace Connectivity.Persistence.PostgreSql;

/// <summary>Settings of a <see cref="PostgreSqlStore"/>.</summary>
public sealed partial class PostgreSqlStoreOptions
{
    /// <summary>
    /// The schema holding the store's tables, created if missing. A plain identifier (letters, digits,
    /// underscores; not starting with a digit; at most 63 characters).
    /// </summary>
    public string Schema { get; init; } = "public";

    /// <summary>
    /// The shard lease each persistence id's journal writes must hold (cluster mode), or null for none.
    /// Called once per persistence id of every batch; returning null writes that id unfenced.
    /// </summary>
    public Func<string, WriteFence?>? Fence { get; init; }

    /// <summary>Throws if a setting is out of range.</summary>
    public void Validate()
    {
        if (!SchemaName().IsMatch(Schema))
        {
            throw new ArgumentException(
                $"Schema '{Schema}' is not a plain identifier (letters, digits and underscores, at most 63).",
                nameof(Schema));
        }
    }

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]{0,62}$")]
    private static partial Regex SchemaName();
}
