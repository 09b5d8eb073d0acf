using Npgsql;

namespace Connectivity.Persistence.PostgreSql;

/// <summary>
/// The store's tables, versioned in <c>schema_version</c> (one row per applied migration): migration n
/// brings a schema from version n to n + 1, and migrations only ever get appended. Every node migrates on
/// open inside one transaction under an advisory lock keyed by the schema name, so nodes starting at once
/// apply each migration exactly once. <c>{s}</c> in a migration stands for the quoted schema name.
/// </summary>
internal static class PostgreSqlSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE {s}.journal (
            persistence_id text COLLATE "C" NOT NULL,
            sequence_nr bigint NOT NULL,
            manifest text NOT NULL,
            payload text NOT NULL,
            tags text[] NOT NULL DEFAULT '{}',
            written_at timestamptz NOT NULL DEFAULT now(),
            writer text,
            epoch bigint,
            PRIMARY KEY (persistence_id, sequence_nr)
        );

        -- One row per id ever written: the highest sequence number (kept after deletes, so a deleted one
        -- is never reused) and the tags of the latest event written.
        CREATE TABLE {s}.journal_ids (
            persistence_id text COLLATE "C" PRIMARY KEY,
            highest_sequence_nr bigint NOT NULL,
            latest_tags text[] NOT NULL DEFAULT '{}'
        );
        CREATE INDEX journal_ids_latest_tags ON {s}.journal_ids USING gin (latest_tags);

        CREATE TABLE {s}.snapshots (
            persistence_id text COLLATE "C" NOT NULL,
            sequence_nr bigint NOT NULL,
            written_at timestamptz NOT NULL,
            manifest text NOT NULL,
            payload text NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        );

        CREATE TABLE {s}.cluster_members (
            node_id text PRIMARY KEY,
            address text NOT NULL,
            started_at timestamptz NOT NULL,
            heartbeat_at timestamptz NOT NULL,
            status text NOT NULL
        );

        CREATE TABLE {s}.shard_leases (
            region text NOT NULL,
            shard_id text NOT NULL,
            owner text NOT NULL,
            epoch bigint NOT NULL,
            expires_at timestamptz NOT NULL,
            PRIMARY KEY (region, shard_id)
        );

        -- Writes one journal batch in one statement (so one round trip and one implicit transaction).
        -- 1. Fences: each lease row is locked FOR SHARE, so a takeover (an UPDATE of the row) waits for this
        --    write to commit, or commits first and the write is refused; SQLSTATE CF001.
        -- 2. Heads (one per id, sorted by the caller so concurrent batches lock ids in one order): the
        --    batch's first sequence number must be above the highest ever written; SQLSTATE CJ001.
        -- 3. The events; tags and head_tags are JSON arrays of string arrays, one per event or head.
        -- A refusal names what refused it as JSON in HINT (clients redact DETAIL by default).
        CREATE FUNCTION {s}.journal_write(
            p_fence_regions text[], p_fence_shards text[], p_fence_owners text[], p_fence_epochs bigint[],
            p_head_ids text[], p_head_firsts bigint[], p_head_lasts bigint[], p_head_tags jsonb,
            p_ids text[], p_seqs bigint[], p_manifests text[], p_payloads text[], p_tags jsonb,
            p_written_ats timestamptz[], p_writers text[], p_epochs bigint[])
        RETURNS void LANGUAGE plpgsql AS $body$
        DECLARE
            lease_owner text;
            lease_epoch bigint;
            lease_live boolean;
            highest bigint;
        BEGIN
            FOR i IN 1 .. coalesce(cardinality(p_fence_regions), 0) LOOP
                lease_owner := NULL;
                lease_epoch := NULL;
                lease_live := NULL;
                SELECT l.owner, l.epoch, l.expires_at > clock_timestamp() INTO lease_owner, lease_epoch, lease_live
                FROM {s}.shard_leases l
                WHERE l.region = p_fence_regions[i] AND l.shard_id = p_fence_shards[i]
                FOR SHARE;
                IF lease_owner IS DISTINCT FROM p_fence_owners[i]
                    OR lease_epoch IS DISTINCT FROM p_fence_epochs[i]
                    OR lease_live IS NOT TRUE THEN
                    RAISE EXCEPTION 'write fenced off shard % of region %', p_fence_shards[i], p_fence_regions[i]
                        USING ERRCODE = 'CF001',
                              HINT = jsonb_build_object(
                                  'fence', i, 'owner', lease_owner, 'epoch', lease_epoch, 'live', lease_live)::text;
                END IF;
            END LOOP;

            FOR i IN 1 .. cardinality(p_head_ids) LOOP
                INSERT INTO {s}.journal_ids AS j (persistence_id, highest_sequence_nr, latest_tags)
                VALUES (p_head_ids[i], p_head_lasts[i], ARRAY(SELECT jsonb_array_elements_text(p_head_tags -> (i - 1))))
                ON CONFLICT (persistence_id) DO UPDATE
                    SET highest_sequence_nr = excluded.highest_sequence_nr, latest_tags = excluded.latest_tags
                    WHERE j.highest_sequence_nr < p_head_firsts[i];
                IF NOT FOUND THEN
                    SELECT j.highest_sequence_nr INTO highest FROM {s}.journal_ids j WHERE j.persistence_id = p_head_ids[i];
                    RAISE EXCEPTION 'sequence number % of % is not above the highest written (%)',
                            p_head_firsts[i], p_head_ids[i], highest
                        USING ERRCODE = 'CJ001', HINT = jsonb_build_object('head', i, 'highest', highest)::text;
                END IF;
            END LOOP;

            INSERT INTO {s}.journal (persistence_id, sequence_nr, manifest, payload, tags, written_at, writer, epoch)
            SELECT e.id, e.seq, e.manifest, e.payload,
                   ARRAY(SELECT jsonb_array_elements_text(p_tags -> (e.ord::int - 1))),
                   e.written_at, e.writer, e.epoch
            FROM unnest(p_ids, p_seqs, p_manifests, p_payloads, p_written_ats, p_writers, p_epochs)
                WITH ORDINALITY AS e(id, seq, manifest, payload, written_at, writer, epoch, ord);
        END
        $body$;
        """,
    ];

    /// <summary>The version this build creates and understands.</summary>
    public static int Version => Migrations.Length;

    /// <summary>The schema name as an SQL identifier.</summary>
    public static string Quote(string schema) => $"\"{schema.Replace("\"", "\"\"", StringComparison.Ordinal)}\"";

    /// <summary>
    /// Creates the schema if missing and brings it up to <see cref="Version"/>; refuses one written by a
    /// newer build.
    /// </summary>
    public static async Task MigrateAsync(PostgreSqlConnections connections, string schema, CancellationToken ct)
    {
        var quoted = Quote(schema);
        await using var connection = await connections.OpenAsync(ct);
        await using var transaction = await connection.BeginTransactionAsync(ct);

        // Separate statements: each reads the catalog with a snapshot taken after the lock was granted.
        await using (var lockCommand = new NpgsqlCommand(
            "SELECT pg_advisory_xact_lock(hashtext('connectivity.persistence:' || $1))", connection, transaction))
        {
            lockCommand.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
            await lockCommand.ExecuteNonQueryAsync(ct);
        }

        await using (var existsCommand = new NpgsqlCommand(
            "SELECT EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $1)", connection, transaction))
        {
            existsCommand.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
            if (await existsCommand.ExecuteScalarAsync(ct) is not true)
            {
                await ExecuteAsync(connection, transaction, $"CREATE SCHEMA {quoted}", ct);
            }
        }

        await ExecuteAsync(
            connection,
            transaction,
            $"""
            CREATE TABLE IF NOT EXISTS {quoted}.schema_version (
                version integer PRIMARY KEY,
                applied_at timestamptz NOT NULL DEFAULT now()
            )
            """,
            ct);

        var current = await ReadVersionAsync(connection, transaction, quoted, ct);
        if (current > Version)
        {
            throw new NotSupportedException(
                $"The schema '{schema}' has version {current}, newer than this build supports ({Version}).");
        }

        for (var version = current; version < Version; version++)
        {
            await ExecuteAsync(connection, transaction, Migrations[version].Replace("{s}", quoted, StringComparison.Ordinal), ct);
            await ExecuteAsync(
                connection, transaction, $"INSERT INTO {quoted}.schema_version (version) VALUES ({version + 1})", ct);
        }

        await transaction.CommitAsync(ct);
    }

    private static async Task<int> ReadVersionAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string quoted, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(
            $"SELECT coalesce(max(version), 0) FROM {quoted}.schema_version", connection, transaction);
        return (int)(await command.ExecuteScalarAsync(ct))!;
    }

    private static async Task ExecuteAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(ct);
    }
}
