using Microsoft.Data.Sqlite;

namespace Connectivity.Persistence.Sqlite;

/// <summary>
/// One caller's write, queued for the <see cref="SqliteWriter"/>: runs inside the writer's transaction and
/// completes once that transaction committed (or failed).
/// </summary>
internal sealed class SqliteWriteOperation(Action<SqliteConnection> execute, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Completion => completion.Task;

    public bool IsCancellationRequested => cancellationToken.IsCancellationRequested;

    public void Execute(SqliteConnection connection) => execute(connection);

    public void Succeed() => completion.TrySetResult();

    public void Fail(Exception exception) => completion.TrySetException(exception);

    public void Cancel() => completion.TrySetCanceled(cancellationToken);
}
