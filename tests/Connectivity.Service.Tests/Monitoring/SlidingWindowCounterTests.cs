using Connectivity.Model.Monitoring;
using Connectivity.Service.Monitoring;
using Xunit;
using Connectivity.TestKit.Time;

namespace Connectivity.Service.Tests.Monitoring;

public class SlidingWindowCounterTests
{
    private static readonly DateTimeOffset Start = new(2026, 1, 21, 8, 0, 0, TimeSpan.Zero);

    private readonly ManualTimeProvider clock = new(Start);

    [Fact]
    public void GetCounts_should_count_in_every_window_when_incremented()
    {
        var counter = new SlidingWindowCounter(clock);

        counter.Increment();
        counter.Increment();

        Assert.Equal(new Dictionary<TimeSpan, long>
        {
            [MetricWindow.OneMinute] = 2,
            [MetricWindow.OneHour] = 2,
            [MetricWindow.OneDay] = 2,
        }, counter.GetCounts());
        Assert.Equal(Start, counter.LastMessageAt);
    }

    [Fact]
    public void GetCounts_should_drop_counts_from_one_minute_but_keep_them_in_one_hour_when_sixty_seconds_passed()
    {
        var counter = new SlidingWindowCounter(clock);
        counter.Increment();

        clock.Advance(TimeSpan.FromSeconds(59));
        Assert.Equal(1, counter.GetCounts()[MetricWindow.OneMinute]);

        clock.Advance(TimeSpan.FromSeconds(1));
        var counts = counter.GetCounts();

        Assert.Equal(0, counts[MetricWindow.OneMinute]);
        Assert.Equal(1, counts[MetricWindow.OneHour]);
        Assert.Equal(1, counts[MetricWindow.OneDay]);
    }

    [Fact]
    public void GetCounts_should_drop_counts_from_one_hour_but_keep_them_in_one_day_when_an_hour_passed()
    {
        var counter = new SlidingWindowCounter(clock);
        counter.Increment();

        clock.Advance(TimeSpan.FromHours(1));
        var counts = counter.GetCounts();

        Assert.Equal(0, counts[MetricWindow.OneHour]);
        Assert.Equal(1, counts[MetricWindow.OneDay]);
        clock.Advance(TimeSpan.FromHours(23));
        Assert.Equal(0, counter.GetCounts()[MetricWindow.OneDay]);
    }

    [Fact]
    public void Increment_should_recycle_a_slot_when_its_epoch_is_stale()
    {
        var counter = new SlidingWindowCounter(clock);
        counter.Increment();
        clock.Advance(TimeSpan.FromSeconds(60));

        counter.Increment();

        Assert.Equal(1, counter.GetCounts()[MetricWindow.OneMinute]);
        Assert.Equal(2, counter.GetCounts()[MetricWindow.OneHour]);
        Assert.Equal(Start.AddSeconds(60), counter.LastMessageAt);
    }

    [Fact]
    public void Reset_should_zero_all_windows_and_forget_last_message_when_called()
    {
        var counter = new SlidingWindowCounter(clock);
        counter.Increment();

        counter.Reset();

        Assert.All(counter.GetCounts().Values, count => Assert.Equal(0, count));
        Assert.Null(counter.LastMessageAt);
    }

    [Fact]
    public void Increment_should_not_lose_counts_when_called_concurrently()
    {
        var counter = new SlidingWindowCounter(clock);

        Parallel.For(0, 10_000, _ => counter.Increment());

        Assert.Equal(10_000, counter.GetCounts()[MetricWindow.OneMinute]);
    }
}
