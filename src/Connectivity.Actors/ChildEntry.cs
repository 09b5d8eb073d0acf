namespace Connectivity.Actors;

/// <summary>A parent's record of one child: the cell, its restart history, a pending backoff restart.</summary>
internal sealed class ChildEntry(ActorCell cell)
{
    public ActorCell Cell { get; } = cell;

    public ChildRestartStats Stats { get; } = new();

    /// <summary>The timer of a restart delayed by backoff; kept referenced so it fires.</summary>
    public ITimer? BackoffTimer { get; set; }

    public void CancelBackoff()
    {
        BackoffTimer?.Dispose();
        BackoffTimer = null;
    }
}
