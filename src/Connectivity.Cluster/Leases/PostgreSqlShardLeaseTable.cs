using Npgsql;

namespace Connectivity.Cluster.Leases;

/// <summary>
/// <see cref="IShardLeaseTable"/> over <c>shard_leases</c> in the PostgreSQL store's schema, the same rows the
/// journal's write fence checks. All expiry arithmetic uses <c>clock_timestamp()</c>.
/// </summary>
public sealed class PostgreSqlShardLeaseTable : IShardLeaseTable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string acquireSql;
    private readonly string renewSql;
    private readonly string releaseSql;
    private readonly string readAllSql;

    /// <param name="schema">The store's schema (a plain identifier), where the store created <c>shard_leases</c>.</param>
    public PostgreSqlShardLeaseTable(NpgsqlDataSource dataSource, string schema)
    {
        this.dataSource = dataSource;
        var table = $"\"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\".shard_leases";

        // A concurrent insert of the same new row waits on the key, then takes the DO UPDATE path and sees the
        // winner's row, live and foreign, so exactly one acquirer gets a row back.
        acquireSql = $"""
            INSERT INTO {table} AS l (region, shard_id, owner, epoch, expires_at)
            VALUES ($1, $2, $3, 1, clock_timestamp() + $4)
            ON CONFLICT (region, shard_id) DO UPDATE
                SET owner = excluded.owner,
                    epoch = CASE WHEN l.owner = excluded.owner AND l.expires_at > clock_timestamp()
                                 THEN l.epoch ELSE l.epoch + 1 END,
                    expires_at = excluded.expires_at
                WHERE l.expires_at <= clock_timestamp() OR l.owner = excluded.owner
            RETURNING region, shard_id, owner, epoch, expires_at
            """;
        renewSql = $"""
            UPDATE {table} SET expires_at = clock_timestamp() + $5
            WHERE region = $1 AND shard_id = $2 AND owner = $3 AND epoch = $4 AND expires_at > clock_timestamp()
            """;
        releaseSql = $"""
            UPDATE {table} SET expires_at = clock_timestamp()
            WHERE region = $1 AND shard_id = $2 AND owner = $3 AND epoch = $4 AND expires_at > clock_timestamp()
            """;
        readAllSql = $"""
            SELECT region, shard_id, owner, epoch, expires_at FROM {table}
            WHERE region = $1 AND expires_at > clock_timestamp()
            """;
    }

    public async Task<ShardLease?> TryAcquireAsync(string region, string shardId, string owner, TimeSpan ttl, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(acquireSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = region });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = shardId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = owner });
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = ttl });
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? Read(reader) : null;
    }

    public async Task<bool> RenewAsync(ShardLease lease, TimeSpan ttl, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(renewSql);
        AddKey(command, lease);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = ttl });
        return await command.ExecuteNonQueryAsync(ct) == 1;
    }

    public async Task ReleaseAsync(ShardLease lease, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(releaseSql);
        AddKey(command, lease);
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<ShardLease>> ReadAllAsync(string region, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(readAllSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = region });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var leases = new List<ShardLease>();
        while (await reader.ReadAsync(ct))
        {
            leases.Add(Read(reader));
        }

        return leases;
    }

    private static void AddKey(NpgsqlCommand command, ShardLease lease)
    {
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease.Region });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease.ShardId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = lease.Owner });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = lease.Epoch });
    }

    private static ShardLease Read(NpgsqlDataReader reader) => new(
        reader.GetString(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), reader.GetFieldValue<DateTimeOffset>(4));
}
