using Npgsql;

namespace Connectivity.Cluster.Membership;

/// <summary>
/// <see cref="IMembershipTable"/> over <c>cluster_members</c> in the PostgreSQL store's schema; heartbeats are
/// stamped and aged with the database's clock.
/// </summary>
public sealed class PostgreSqlMembershipTable : IMembershipTable
{
    private readonly NpgsqlDataSource dataSource;
    private readonly string heartbeatSql;
    private readonly string readLiveSql;
    private readonly string leaveSql;

    /// <param name="schema">The store's schema (a plain identifier), where the store created <c>cluster_members</c>.</param>
    public PostgreSqlMembershipTable(NpgsqlDataSource dataSource, string schema)
    {
        this.dataSource = dataSource;
        var table = $"\"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\".cluster_members";
        heartbeatSql = $"""
            INSERT INTO {table} (node_id, address, started_at, heartbeat_at, status)
            VALUES ($1, $2, $3, clock_timestamp(), 'up')
            ON CONFLICT (node_id) DO UPDATE
                SET address = excluded.address, started_at = excluded.started_at,
                    heartbeat_at = excluded.heartbeat_at, status = 'up'
            """;
        readLiveSql = $"""
            SELECT node_id, address, started_at FROM {table}
            WHERE status = 'up' AND heartbeat_at > clock_timestamp() - $1
            """;
        leaveSql = $"UPDATE {table} SET status = 'left' WHERE node_id = $1";
    }

    public async Task HeartbeatAsync(Member self, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(heartbeatSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = self.NodeId });
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = self.Address });
        command.Parameters.Add(new NpgsqlParameter<DateTimeOffset> { TypedValue = self.StartedAt.ToUniversalTime() });
        await command.ExecuteNonQueryAsync(ct);
    }

    public async Task<IReadOnlyList<Member>> ReadLiveAsync(TimeSpan downAfter, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(readLiveSql);
        command.Parameters.Add(new NpgsqlParameter<TimeSpan> { TypedValue = downAfter });
        await using var reader = await command.ExecuteReaderAsync(ct);
        var members = new List<Member>();
        while (await reader.ReadAsync(ct))
        {
            members.Add(new Member(reader.GetString(0), reader.GetString(1), reader.GetFieldValue<DateTimeOffset>(2)));
        }

        // Sorted here, not by ORDER BY: the database's collation need not be ordinal.
        members.Sort((a, b) => string.CompareOrdinal(a.NodeId, b.NodeId));
        return members;
    }

    public async Task LeaveAsync(string nodeId, CancellationToken ct)
    {
        await using var command = dataSource.CreateCommand(leaveSql);
        command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = nodeId });
        await command.ExecuteNonQueryAsync(ct);
    }
}
