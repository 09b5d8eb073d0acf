using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace Connectivity.Persistence.Sqlite;

/// <summary>
/// The store's only writer. SQLite admits one writer at a time, so every write is queued here and a single
/// thread group-commits: it drains whatever is pending into one transaction (each operation inside its own
/// savepoint, so a failing one is undone alone), commits once, then completes every operation. Under load
/// many callers share one fsync.
/// </summary>
internal sealed class SqliteWriter : IAsyncDisposable
{
    private const int MaxOperationsPerTransaction = 1024;
    private const string Savepoint = "operation";

    private readonly SqliteConnection connection;
    private readonly Channel<SqliteWriteOperation> pending =
        Channel.CreateUnbounded<SqliteWriteOperation>(new UnboundedChannelOptions { SingleReader = true });
    private readonly TaskCompletionSource stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SqliteWriter(SqliteConnection connection)
    {
        this.connection = connection;
        var thread = new Thread(Run) { IsBackground = true, Name = "sqlite-writer" };
        thread.Start();
    }

    /// <summary>Queues a write; the task completes when it is committed.</summary>
    public Task WriteAsync(Action<SqliteConnection> execute, CancellationToken ct)
    {
        var operation = new SqliteWriteOperation(execute, ct);
        ObjectDisposedException.ThrowIf(!pending.Writer.TryWrite(operation), typeof(SqliteStore));
        return operation.Completion;
    }

    /// <summary>Stops taking writes, commits what is queued, then closes the connection.</summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await stopped.Task;
        await connection.DisposeAsync();
    }

    private void Run()
    {
        var batch = new List<SqliteWriteOperation>();
        // A dedicated thread: SQLite's calls block, so waiting here keeps them off the thread pool.
        while (pending.Reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
        {
            while (batch.Count < MaxOperationsPerTransaction && pending.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            Commit(batch);
            batch.Clear();
        }

        stopped.TrySetResult();
    }

    private void Commit(List<SqliteWriteOperation> batch)
    {
        var written = new List<SqliteWriteOperation>(batch.Count);
        try
        {
            using var transaction = connection.BeginTransaction(deferred: false);
            foreach (var operation in batch)
            {
                if (operation.IsCancellationRequested)
                {
                    operation.Cancel();
                    continue;
                }

                transaction.Save(Savepoint);
                try
                {
                    operation.Execute(connection);
                    transaction.Release(Savepoint);
                    written.Add(operation);
                }
                catch (Exception exception)
                {
                    transaction.Rollback(Savepoint);
                    transaction.Release(Savepoint);
                    operation.Fail(exception);
                }
            }

            transaction.Commit();
        }
        catch (Exception exception)
        {
            // The transaction itself failed: nothing of the batch is durable.
            foreach (var operation in batch)
            {
                operation.Fail(exception);
            }

            return;
        }

        foreach (var operation in written)
        {
            operation.Succeed();
        }
    }
}
