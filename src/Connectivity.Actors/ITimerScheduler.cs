namespace Connectivity.Actors;

/// <summary>
/// Keyed timers on the system's <see cref="TimeProvider"/>. Starting a key again replaces its timer; a cancelled or
/// replaced timer's message is never delivered, even if it was already enqueued.
/// </summary>
public interface ITimerScheduler
{
    void StartSingleTimer(object key, object message, TimeSpan delay);

    void StartPeriodicTimer(object key, object message, TimeSpan interval);

    void Cancel(object key);

    void CancelAll();

    bool IsTimerActive(object key);
}
