namespace Connectivity.Actors;

/// <summary>Failure: suspend and report to the parent; as a parent, apply the supervisor strategy to a failed child.</summary>
internal sealed partial class ActorCell
{
    private object? _failedMessage;
    private ActorCell? _escalatedFrom;

    /// <summary>Publishes the error, suspends the actor and asks the parent for a directive.</summary>
    private void Fail(Exception exception, object? message)
    {
        System.EventStream.Publish(new ActorError(Path, exception, message));
        if (_terminating)
        {
            return;
        }

        _suspended = true;
        _failedMessage = message;
        if (ParentCell is null)
        {
            _suspended = false;
            return;
        }

        ParentCell.SendSystem(new Failed(this, exception));
    }

    private void HandleChildFailure(Failed failed)
    {
        var entry = GetChildEntry(failed.Child);
        if (entry is null || _stoppingChildren.Contains(failed.Child))
        {
            return;
        }

        var strategy = Props.SupervisorStrategy ?? SupervisorStrategy.Default;
        SupervisionDecision decision;
        try
        {
            decision = strategy.Handle(failed.Cause, entry.Stats, System.TimeProvider.GetUtcNow());
        }
        catch (Exception exception)
        {
            // A throwing decider cannot decide: stop the child rather than leave it suspended.
            System.EventStream.Publish(new ActorError(Path, exception, failed.Cause));
            decision = new SupervisionDecision(Directive.Stop, TimeSpan.Zero);
        }

        switch (decision.Directive)
        {
            case Directive.Resume:
                failed.Child.SendSystem(Resume.Instance);
                break;
            case Directive.Restart when decision.Delay > TimeSpan.Zero:
                ScheduleRestart(entry, failed.Cause, decision.Delay);
                break;
            case Directive.Restart:
                failed.Child.SendSystem(new Recreate(failed.Cause));
                break;
            case Directive.Stop:
                StopChild(failed.Child);
                break;
            case Directive.Escalate:
                _escalatedFrom = failed.Child;
                Fail(failed.Cause, null);
                break;
        }
    }

    private void ScheduleRestart(ChildEntry entry, Exception cause, TimeSpan delay)
    {
        lock (_children)
        {
            entry.CancelBackoff();
            entry.BackoffTimer = System.TimeProvider.CreateTimer(
                static state =>
                {
                    var (child, recreate) = ((ActorCell, Recreate))state!;
                    child.SendSystem(recreate);
                },
                (entry.Cell, new Recreate(cause)),
                delay,
                Timeout.InfiniteTimeSpan);
        }
    }

    private void ResumeAfterFailure()
    {
        if (_terminating || _pendingRestartCause is not null)
        {
            return;
        }

        _suspended = false;
        _failedMessage = null;
        _escalatedFrom?.SendSystem(Resume.Instance);
        _escalatedFrom = null;
    }
}
