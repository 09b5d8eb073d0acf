using Npgsql;
using Xunit;

namespace Connectivity.TestKit.PostgreSql;

/// <summary>
/// A PostgreSQL server for a test class: the one named by <c>CONNECTIVITY_TEST_POSTGRES</c> if set, otherwise
/// a private one started for the test run (<see cref="PrivatePostgresServer"/>). Tests isolate themselves
/// in schemas of their own (<see cref="NewSchemaName"/>), so classes run in parallel. If no server can be
/// had, initialization fails with the reason: the tests fail rather than skip.
/// </summary>
public sealed class PostgresFixture : IAsyncLifetime
{
    /// <summary>The environment variable holding the connection string of an external server.</summary>
    public const string ConnectionStringVariable = "CONNECTIVITY_TEST_POSTGRES";

    // Bounds each store's pool so that test classes running side by side stay under max_connections.
    private const int MaxPoolSize = 32;

    private string? connectionString;
    private bool privateServer;

    /// <summary>The server's connection string.</summary>
    public string ConnectionString =>
        connectionString ?? throw new InvalidOperationException("The PostgreSQL fixture is not initialized.");

    public async Task InitializeAsync()
    {
        var external = Environment.GetEnvironmentVariable(ConnectionStringVariable);
        string server;
        if (string.IsNullOrWhiteSpace(external))
        {
            server = (await PrivatePostgresServer.AcquireAsync()).ConnectionString;
            privateServer = true;
        }
        else
        {
            server = external;
        }

        connectionString = new NpgsqlConnectionStringBuilder(server) { MaxPoolSize = MaxPoolSize }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        try
        {
            await connection.OpenAsync();
        }
        catch (Exception exception) when (exception is NpgsqlException or TimeoutException)
        {
            throw new InvalidOperationException($"Cannot connect to the PostgreSQL test server ({server}).", exception);
        }
    }

    public async Task DisposeAsync()
    {
        if (privateServer)
        {
            await PrivatePostgresServer.ReleaseAsync();
        }
    }

    /// <summary>A schema name no other test uses (the schema itself is created by whoever opens it first).</summary>
    public static string NewSchemaName(string prefix) => $"{prefix}_{Guid.NewGuid():N}";

    /// <summary>Drops the schema with everything in it.</summary>
    public Task DropSchemaAsync(string schema) => ExecuteAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");

    /// <summary>Runs SQL on a connection of its own (outside any store) and returns the rows affected.</summary>
    public async Task<int> ExecuteAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs a query on a connection of its own and returns the first column of its first row.</summary>
    public async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }
}
