namespace Connectivity.Actors;

/// <summary>System-message processing: creation, stop, restart, death watch.</summary>
internal sealed partial class ActorCell
{
    private Exception? _pendingRestartCause;

    private ValueTask ProcessSystemMessage(SystemMessage message)
    {
        switch (message)
        {
            case Create:
                return CreateInstance();
            case Terminate:
                return BeginTerminate();
            case Watch watch:
                _watchers.Add(watch.Watcher);
                return default;
            case Unwatch unwatch:
                _watchers.Remove(unwatch.Watcher);
                return default;
            case DeathWatchNotification notification when !_terminating && _watching.Remove(notification.Actor):
                return InvokeBehavior(new Envelope(new Terminated(notification.Actor), notification.Actor));
            case Failed failed:
                HandleChildFailure(failed);
                return default;
            case Resume:
                ResumeAfterFailure();
                return default;
            case Recreate recreate:
                return BeginRestart(recreate.Cause);
            case ChildTerminated terminated:
                return HandleChildTerminated(terminated.Child);
            default:
                return default;
        }
    }

    private async ValueTask CreateInstance()
    {
        if (!NewInstance())
        {
            return;
        }

        try
        {
            await _actor!.InvokePreStart().ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Fail(new ActorInitializationException($"{Path} failed in PreStart.", exception), null);
        }
    }

    /// <summary>Builds an instance from the props; on failure the supervisor is told and false returned.</summary>
    private bool NewInstance()
    {
        _behavior = null;
        t_constructing = this;
        try
        {
            _actor = Props.Factory();
            return true;
        }
        catch (Exception exception)
        {
            _actor = null;
            Fail(new ActorInitializationException($"{Path} could not be created.", exception), null);
            return false;
        }
        finally
        {
            t_constructing = null;
        }
    }

    private ValueTask BeginTerminate()
    {
        if (_terminating)
        {
            return default;
        }

        _terminating = true;
        _suspended = true;
        _timers?.CancelAll();
        CancelReceiveTimeout();
        return StopAllChildrenForTermination() ? FinishTerminate() : default;
    }

    private async ValueTask FinishTerminate()
    {
        if (_actor is not null)
        {
            try
            {
                await _actor.InvokePostStop().ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                System.EventStream.Publish(new ActorError(Path, exception, null));
            }
        }

        _actor = null;
        _behavior = null;
        ParentCell?.RemoveChild(this);
        Interlocked.Exchange(ref _dead, 1);

        if (_stash is not null)
        {
            foreach (var envelope in _stash)
            {
                System.DeadLetterSink.Publish(envelope.Message, envelope.Sender, Self);
            }
        }

        while (_unstashed is { Count: > 0 })
        {
            var envelope = _unstashed.Dequeue();
            System.DeadLetterSink.Publish(envelope.Message, envelope.Sender, Self);
        }

        DrainUserMailboxToDeadLetters();
        DrainSystemMailboxWhenDead();
        foreach (var watcher in _watchers)
        {
            watcher.SendSystem(new DeathWatchNotification(Self));
        }

        foreach (var subject in _watching)
        {
            ((LocalActorRef)subject).Cell.SendSystem(new Unwatch(this));
        }

        _watchers.Clear();
        _watching.Clear();
        ParentCell?.SendSystem(new ChildTerminated(this));
        Stopped?.TrySetResult();
    }

    private async ValueTask BeginRestart(Exception cause)
    {
        if (_terminating)
        {
            return;
        }

        _timers?.CancelAll();
        if (_actor is not null)
        {
            try
            {
                await _actor.InvokePreRestart(cause, _failedMessage).ConfigureAwait(false);
            }
            catch (Exception exception)
            {
                System.EventStream.Publish(new ActorError(Path, exception, null));
            }
        }

        _pendingRestartCause = cause;
        if (_stoppingChildren.Count == 0)
        {
            await FinishRestart().ConfigureAwait(false);
        }
    }

    private async ValueTask FinishRestart()
    {
        var cause = _pendingRestartCause!;
        _pendingRestartCause = null;
        _failedMessage = null;
        UnstashAll();
        if (!NewInstance())
        {
            return;
        }

        try
        {
            await _actor!.InvokePostRestart(cause).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            Fail(new ActorInitializationException($"{Path} failed in PostRestart.", exception), null);
            return;
        }

        _suspended = false;
    }

    private ValueTask HandleChildTerminated(ActorCell child)
    {
        _stoppingChildren.Remove(child);
        if (_terminating)
        {
            return HasChildren() ? default : FinishTerminate();
        }

        if (_pendingRestartCause is not null && _stoppingChildren.Count == 0)
        {
            return FinishRestart();
        }

        return default;
    }
}
