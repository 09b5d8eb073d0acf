namespace Connectivity.Actors.Tests.TestKit;

/// <summary>Runs actor turns only when the test says so, one at a time, in the order they were scheduled.</summary>
public sealed class ManualDispatcher
{
    private readonly Queue<IThreadPoolWorkItem> _turns = new();

    public void Schedule(IThreadPoolWorkItem turn)
    {
        lock (_turns)
        {
            _turns.Enqueue(turn);
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
