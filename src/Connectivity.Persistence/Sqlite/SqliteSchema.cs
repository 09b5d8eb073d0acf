using Microsoft.Data.Sqlite;

namespace Connectivity.Persistence.Sqlite;

/// <summary>
/// The store's tables, versioned through <c>PRAGMA user_version</c>: migration n brings a database from
/// version n to n + 1. Migrations only ever get appended.
/// </summary>
internal static class SqliteSchema
{
    private static readonly string[] Migrations =
    [
        """
        CREATE TABLE journal (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload TEXT NOT NULL,
            tags TEXT,
            timestamp_us INTEGER NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        );
        CREATE TABLE journal_ids (
            persistence_id TEXT NOT NULL PRIMARY KEY,
            highest_sequence_nr INTEGER NOT NULL
        ) WITHOUT ROWID;
        CREATE TABLE journal_latest_tags (
            tag TEXT NOT NULL,
            persistence_id TEXT NOT NULL,
            PRIMARY KEY (tag, persistence_id)
        ) WITHOUT ROWID;
        CREATE INDEX journal_latest_tags_by_id ON journal_latest_tags (persistence_id);
        CREATE TABLE snapshots (
            persistence_id TEXT NOT NULL,
            sequence_nr INTEGER NOT NULL,
            timestamp_us INTEGER NOT NULL,
            manifest TEXT NOT NULL,
            payload TEXT NOT NULL,
            PRIMARY KEY (persistence_id, sequence_nr)
        );
        """,
    ];

    /// <summary>The version this build creates and understands.</summary>
    public static int Version => Migrations.Length;

    /// <summary>Brings the database up to <see cref="Version"/>; refuses one written by a newer build.</summary>
    public static void Migrate(SqliteConnection connection)
    {
        using var transaction = connection.BeginTransaction(deferred: false);
        var current = ReadVersion(connection);
        if (current > Version)
        {
            throw new NotSupportedException(
                $"The database schema version {current} is newer than this build supports ({Version}).");
        }

        for (var version = current; version < Version; version++)
        {
            Execute(connection, Migrations[version]);
        }

        Execute(connection, $"PRAGMA user_version = {Version};");
        transaction.Commit();
    }

    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version;";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
