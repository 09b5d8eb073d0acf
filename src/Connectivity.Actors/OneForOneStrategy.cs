namespace Connectivity.Actors;

/// <summary>
/// Applies the decider to the failed child only. A child restarted more than <c>maxNrOfRetries</c> times
/// within <c>withinTimeRange</c> is stopped (-1: no limit; an infinite range: no window).
/// </summary>
public sealed class OneForOneStrategy : SupervisorStrategy
{
    private readonly int _maxNrOfRetries;
    private readonly TimeSpan _withinTimeRange;
    private readonly Func<Exception, Directive> _decider;
    private readonly RestartBackoff? _backoff;

    public OneForOneStrategy(int maxNrOfRetries, TimeSpan withinTimeRange, Func<Exception, Directive> decider, RestartBackoff? backoff = null)
    {
        ArgumentNullException.ThrowIfNull(decider);
        _maxNrOfRetries = maxNrOfRetries;
        _withinTimeRange = withinTimeRange;
        _decider = decider;
        _backoff = backoff;
    }

    internal override SupervisionDecision Handle(Exception cause, ChildRestartStats stats, DateTimeOffset now)
    {
        var directive = _decider(cause);
        if (directive != Directive.Restart)
        {
            return new SupervisionDecision(directive, TimeSpan.Zero);
        }

        if (!stats.RequestRestartPermission(_maxNrOfRetries, _withinTimeRange, now))
        {
            return new SupervisionDecision(Directive.Stop, TimeSpan.Zero);
        }

        var delay = _backoff?.DelayFor(stats.RestartCount) ?? TimeSpan.Zero;
        return new SupervisionDecision(Directive.Restart, delay);
    }
}
