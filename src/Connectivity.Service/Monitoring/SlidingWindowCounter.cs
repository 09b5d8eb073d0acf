using Connectivity.Model.Monitoring;

namespace Connectivity.Service.Monitoring;

/// <summary>
/// A thread-safe message counter over the sliding windows of spec §5.1: <c>PT1M</c> in 10 s slots, <c>PT1H</c> in
/// 1 min slots, <c>PT24H</c> in 1 h slots. A window's count is the sum of the slots it covers, so a message leaves
/// a window between one window length and one window length plus one slot after it was counted. Increments are
/// lock-free (one compare-and-swap per window) because they sit on the message-processing path.
/// </summary>
public sealed class SlidingWindowCounter
{
    private readonly TimeProvider timeProvider;
    private readonly long originTicks;
    private readonly Window[] windows =
    [
        new(MetricWindow.OneMinute, TimeSpan.FromSeconds(10)),
        new(MetricWindow.OneHour, TimeSpan.FromMinutes(1)),
        new(MetricWindow.OneDay, TimeSpan.FromHours(1)),
    ];

    private long lastMessageTicks;

    public SlidingWindowCounter(TimeProvider timeProvider)
    {
        this.timeProvider = timeProvider;
        originTicks = timeProvider.GetUtcNow().UtcTicks;
    }

    /// <summary>When the last message was counted; null if none since creation or the last reset.</summary>
    public DateTimeOffset? LastMessageAt
    {
        get
        {
            var ticks = Volatile.Read(ref lastMessageTicks);
            return ticks == 0 ? null : new DateTimeOffset(ticks, TimeSpan.Zero);
        }
    }

    /// <summary>Counts one message now.</summary>
    public void Increment()
    {
        var nowTicks = timeProvider.GetUtcNow().UtcTicks;
        var elapsed = ElapsedTicks(nowTicks);
        foreach (var window in windows)
        {
            window.Increment(elapsed);
        }

        var observed = Volatile.Read(ref lastMessageTicks);
        while (nowTicks > observed)
        {
            var previous = Interlocked.CompareExchange(ref lastMessageTicks, nowTicks, observed);
            if (previous == observed)
            {
                break;
            }

            observed = previous;
        }
    }

    /// <summary>The current count per window (keys from <see cref="MetricWindow.All"/>).</summary>
    public IReadOnlyDictionary<TimeSpan, long> GetCounts()
    {
        var elapsed = ElapsedTicks(timeProvider.GetUtcNow().UtcTicks);
        return windows.ToDictionary(window => window.Length, window => window.Sum(elapsed));
    }

    public Measurement ToMeasurement(MetricType type, bool success) => new(type, success, GetCounts(), LastMessageAt);

    /// <summary>Sets every window to zero and forgets the last message time.</summary>
    public void Reset()
    {
        foreach (var window in windows)
        {
            window.Reset();
        }

        Interlocked.Exchange(ref lastMessageTicks, 0);
    }

    private long ElapsedTicks(long nowTicks) => Math.Max(0, nowTicks - originTicks);

    /// <summary>
    /// A ring of slots. Each slot is one 64-bit word holding the slot's epoch (number of resolution periods since the
    /// counter's creation, upper 27 bits: 42 years at 10 s) and its count (lower 36 bits), so stale slots are
    /// recycled and incremented by the same compare-and-swap.
    /// </summary>
    private sealed class Window(TimeSpan length, TimeSpan resolution)
    {
        private const int CountBits = 36;
        private const long CountMask = (1L << CountBits) - 1;

        private readonly long[] slots = new long[length.Ticks / resolution.Ticks];

        public TimeSpan Length { get; } = length;

        public void Increment(long elapsedTicks)
        {
            var epoch = elapsedTicks / resolution.Ticks;
            ref var slot = ref slots[epoch % slots.Length];
            while (true)
            {
                var current = Volatile.Read(ref slot);
                // A slot from a later epoch only happens if the clock stepped back; count into it rather than lose the message.
                var next = current >>> CountBits >= epoch ? current + 1 : (epoch << CountBits) | 1;
                if (Interlocked.CompareExchange(ref slot, next, current) == current)
                {
                    return;
                }
            }
        }

        public long Sum(long elapsedTicks)
        {
            var epoch = elapsedTicks / resolution.Ticks;
            long sum = 0;
            for (var i = 0; i < slots.Length; i++)
            {
                var value = Volatile.Read(ref slots[i]);
                if (value >>> CountBits > epoch - slots.Length)
                {
                    sum += value & CountMask;
                }
            }

            return sum;
        }

        public void Reset()
        {
            for (var i = 0; i < slots.Length; i++)
            {
                Interlocked.Exchange(ref slots[i], 0);
            }
        }
    }
}
