namespace Connectivity.Actors;

/// <summary>
/// Delay before the n-th restart within the strategy's window: <c>Min * 2^(n-1)</c> capped at <c>Max</c>,
/// then stretched by up to <c>RandomFactor</c>. Messages arriving meanwhile wait in the mailbox.
/// </summary>
public sealed record RestartBackoff(TimeSpan Min, TimeSpan Max, double RandomFactor = 0.2)
{
    internal TimeSpan DelayFor(int restartNumber)
    {
        var exponent = Math.Min(Math.Max(restartNumber - 1, 0), 30);
        var ticks = Math.Min(Min.Ticks * (double)(1L << exponent), Max.Ticks);
        var stretch = RandomFactor > 0 ? 1.0 + (Random.Shared.NextDouble() * RandomFactor) : 1.0;
        return TimeSpan.FromTicks((long)(ticks * stretch));
    }
}
