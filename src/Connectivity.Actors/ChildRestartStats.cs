namespace Connectivity.Actors;

/// <summary>A child's restarts within the current window of its supervisor's strategy.</summary>
internal sealed class ChildRestartStats
{
    public int RestartCount { get; private set; }

    private DateTimeOffset? _windowStart;

    /// <summary>Counts one more restart; false when that exceeds <paramref name="maxNrOfRetries"/> within <paramref name="window"/>.</summary>
    public bool RequestRestartPermission(int maxNrOfRetries, TimeSpan window, DateTimeOffset now)
    {
        if (maxNrOfRetries == 0)
        {
            return false;
        }

        var windowed = window > TimeSpan.Zero && window != Timeout.InfiniteTimeSpan;
        if (windowed && (_windowStart is null || now - _windowStart.Value > window))
        {
            _windowStart = now;
            RestartCount = 1;
        }
        else
        {
            RestartCount++;
        }

        return maxNrOfRetries < 0 || RestartCount <= maxNrOfRetries;
    }
}
