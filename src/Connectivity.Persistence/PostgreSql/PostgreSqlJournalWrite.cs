namespace Connectivity.Persistence.PostgreSql;

/// <summary>
/// One caller's batch, queued for the <see cref="PostgreSqlJournalWriter"/>: completes once the transaction
/// that wrote it committed (or failed).
/// </summary>
internal sealed class PostgreSqlJournalWrite(PostgreSqlJournalBatch batch, CancellationToken cancellationToken)
{
    private readonly TaskCompletionSource completion = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public PostgreSqlJournalBatch Batch => batch;

    public Task Completion => completion.Task;

    public bool IsCancellationRequested => cancellationToken.IsCancellationRequested;

    public void Succeed() => completion.TrySetResult();

    public void Fail(Exception exception) => completion.TrySetException(exception);

    public void Cancel() => completion.TrySetCanceled(cancellationToken);
}
