using Connectivity.Persistence.Journal;
using Connectivity.Persistence.Sqlite;
using Microsoft.Data.Sqlite;
using Connectivity.TestKit.Persistence;
using Xunit;
using Xunit.Abstractions;

namespace Connectivity.Persistence.Tests.Sqlite;

/// <summary>What the SQLite store promises beyond the TCK: file settings, schema versioning, group commit.</summary>
public sealed class SqliteStoreTests(ITestOutputHelper output) : IDisposable
{
    private readonly TemporaryDatabase database = new();

    public void Dispose() => database.Delete();

    [Fact]
    public async Task SqliteStore_should_put_the_file_in_wal_mode_when_opened()
    {
        await using (await SqliteStore.OpenAsync(database.Path))
        {
        }

        Assert.Equal("wal", Pragma("journal_mode"));
    }

    [Fact]
    public async Task SqliteStore_should_record_schema_version_when_creating_the_file()
    {
        await using (await SqliteStore.OpenAsync(database.Path))
        {
        }

        Assert.Equal(1L, Pragma("user_version"));
    }

    [Fact]
    public async Task SqliteStore_should_refuse_the_file_when_schema_is_newer()
    {
        await using (await SqliteStore.OpenAsync(database.Path))
        {
        }

        Pragma("user_version = 99");

        await Assert.ThrowsAsync<NotSupportedException>(() => SqliteStore.OpenAsync(database.Path));
    }

    [Fact]
    public async Task SqliteStore_should_refuse_reads_and_writes_when_disposed()
    {
        var store = await SqliteStore.OpenAsync(database.Path);
        await store.DisposeAsync();

        await Assert.ThrowsAsync<ObjectDisposedException>(
            () => store.Journal.WriteAsync([new PersistentRepr("a", 1, "m", "{}", [], DateTimeOffset.UtcNow)]));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Journal.ReadHighestSequenceNrAsync("a"));
        await Assert.ThrowsAsync<ObjectDisposedException>(() => store.Snapshots.LoadAsync("a"));
    }

    [Fact]
    public async Task SqliteStore_should_not_write_a_batch_when_cancelled_before_it_is_written()
    {
        await using var store = await SqliteStore.OpenAsync(database.Path);

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => store.Journal.WriteAsync(
            [new PersistentRepr("a", 1, "m", "{}", [], DateTimeOffset.UtcNow)], new CancellationToken(canceled: true)));

        Assert.Equal(0, await store.Journal.ReadHighestSequenceNrAsync("a"));
    }

    /// <summary>Reports throughput and latency of many concurrent writers; asserts only that nothing got lost.</summary>
    [Fact]
    public async Task SqliteStore_should_keep_every_event_when_64_writers_write_concurrently()
    {
        await using var store = await SqliteStore.OpenAsync(database.Path);
        await ConcurrentWriters.WriteAndCheckAsync(store.Journal, output);
    }

    private object? Pragma(string pragma)
    {
        using var connection = new SqliteConnection(
            new SqliteConnectionStringBuilder { DataSource = database.Path, Pooling = false }.ToString());
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"PRAGMA {pragma};";
        return command.ExecuteScalar();
    }
}
