using System.Diagnostics;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>Polls a condition until it holds or a deadline passes (instead of sleeping a fixed time).</summary>
public static class Eventually
{
    /// <summary>Polls <paramref name="probe"/> until it returns a value accepted by <paramref name="done"/>; returns it and the time taken.</summary>
    public static async Task<(T Value, TimeSpan Elapsed)> UntilAsync<T>(
        Func<Task<T>> probe, Func<T, bool> done, TimeSpan deadline, Func<T, string> describe, TimeSpan? interval = null)
    {
        var stopwatch = Stopwatch.StartNew();
        var last = await probe();
        while (!done(last))
        {
            if (stopwatch.Elapsed > deadline)
            {
                throw new TimeoutException($"Condition not reached within {deadline}; last value: {describe(last)}");
            }

            await Task.Delay(interval ?? TimeSpan.FromMilliseconds(200));
            last = await probe();
        }

        return (last, stopwatch.Elapsed);
    }
}
