namespace Connectivity.Actors.Tests.TestKit;

/// <summary>Runs actor turns only when the test says so, one at a time, in the order they were scheduled.</summary>
public sealed class ManualDispatcher
{
    private readonly Queue<IThreadPoolWorkItem> _turns = new();
    private bool _released;

    public void Schedule(IThreadPoolWorkItem turn)
    {
        lock (_turns)
        {
            if (!_released)
            {
                _turns.Enqueue(turn);
                return;
            }
        }

        ThreadPool.UnsafeQueueUserWorkItem(turn, preferLocal: false);
    }

    /// <summary>Hands the pending and all later turns to the thread pool (e.g. to terminate the system).</summary>
    public void Release()
    {
        lock (_turns)
        {
            _released = true;
            while (_turns.TryDequeue(out var turn))
            {
                ThreadPool.UnsafeQueueUserWorkItem(turn, preferLocal: false);
            }
        }
    }

    /// <summary>Runs turns until none is left.</summary>
    public void RunAll()
    {
        while (TryTake(out var turn))
        {
            turn.Execute();
        }
    }

    private bool TryTake(out IThreadPoolWorkItem turn)
    {
        lock (_turns)
        {
            return _turns.TryDequeue(out turn!);
        }
    }
}
