using System.Threading.Channels;
using Connectivity.Persistence.Journal;
using Npgsql;

namespace Connectivity.Persistence.PostgreSql;

/// <summary>
/// Group commit for the journal: callers queue their batches, and a few flushers each take whatever is
/// pending (batches of disjoint persistence ids, up to a size) and write it with one <c>journal_write</c>
/// call, so under load many callers share one round trip and one commit. If the combined write is refused
/// (a conflict or a fence), each batch is written again on its own so that only the offending ones fail.
/// </summary>
internal sealed class PostgreSqlJournalWriter : IAsyncDisposable
{
    private const int Flushers = 4;
    private const int MaxEventsPerFlush = 512;

    private readonly PostgreSqlConnections connections;
    private readonly string writeSql;
    private readonly Channel<PostgreSqlJournalWrite> pending =
        Channel.CreateUnbounded<PostgreSqlJournalWrite>(new UnboundedChannelOptions { SingleReader = false });
    private readonly Task[] flushers;

    public PostgreSqlJournalWriter(PostgreSqlConnections connections, string writeSql)
    {
        this.connections = connections;
        this.writeSql = writeSql;
        flushers = [.. Enumerable.Range(0, Flushers).Select(_ => Task.Run(FlushPendingAsync))];
    }

    /// <summary>Queues a batch; the task completes when it is committed.</summary>
    public Task WriteAsync(PostgreSqlJournalBatch batch, CancellationToken ct)
    {
        var write = new PostgreSqlJournalWrite(batch, ct);
        ObjectDisposedException.ThrowIf(!pending.Writer.TryWrite(write), typeof(PostgreSqlStore));
        return write.Completion;
    }

    /// <summary>Stops taking writes and waits until the queued ones are written.</summary>
    public async ValueTask DisposeAsync()
    {
        pending.Writer.TryComplete();
        await Task.WhenAll(flushers);
    }

    private async Task FlushPendingAsync()
    {
        var group = new List<PostgreSqlJournalWrite>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        PostgreSqlJournalWrite? carried = null;
        while (carried is not null || await pending.Reader.WaitToReadAsync())
        {
            var events = 0;
            while (events < MaxEventsPerFlush && (carried ?? (pending.Reader.TryRead(out var next) ? next : null)) is { } write)
            {
                carried = null;
                if (write.IsCancellationRequested)
                {
                    write.Cancel();
                    continue;
                }

                if (write.Batch.PersistenceIds.Any(ids.Contains))
                {
                    // Writes to the same id stay in separate transactions, in queue order.
                    carried = write;
                    break;
                }

                group.Add(write);
                ids.UnionWith(write.Batch.PersistenceIds);
                events += write.Batch.EventCount;
            }

            if (group.Count > 0)
            {
                await FlushAsync(group);
            }

            group.Clear();
            ids.Clear();
        }
    }

    private async Task FlushAsync(List<PostgreSqlJournalWrite> group)
    {
        try
        {
            await ExecuteAsync(PostgreSqlJournalBatch.Combine([.. group.Select(w => w.Batch)]));
        }
        catch (Exception exception) when (group.Count > 1 && exception is JournalConflictException or FencedWriteException)
        {
            await Task.WhenAll(group.Select(FlushAloneAsync));
            return;
        }
        catch (Exception exception)
        {
            group.ForEach(write => write.Fail(exception));
            return;
        }

        group.ForEach(write => write.Succeed());
    }

    private async Task FlushAloneAsync(PostgreSqlJournalWrite write)
    {
        try
        {
            await ExecuteAsync(write.Batch);
            write.Succeed();
        }
        catch (Exception exception)
        {
            write.Fail(exception);
        }
    }

    private async Task ExecuteAsync(PostgreSqlJournalBatch batch)
    {
        await using var connection = await connections.OpenAsync(CancellationToken.None);
        await using var command = new NpgsqlCommand(writeSql, connection);
        foreach (var parameter in batch.Parameters())
        {
            command.Parameters.Add(parameter);
        }

        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await command.ExecuteNonQueryAsync();
                return;
            }
            catch (PostgresException exception) when (batch.Translate(exception) is { } refusal)
            {
                throw refusal;
            }
            catch (PostgresException exception) when (IsTransient(exception) && attempt < MaxAttempts)
            {
                // Writers running side by side can lock the same ids in different orders; PostgreSQL then rolls one
                // transaction back whole (deadlock or serialization failure), so running it again is safe.
            }
        }
    }

    private const int MaxAttempts = 5;

    private static bool IsTransient(PostgresException exception) =>
        exception.SqlState is PostgresErrorCodes.DeadlockDetected or PostgresErrorCodes.SerializationFailure;
}
