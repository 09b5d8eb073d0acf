using Connectivity.Actors.Tests.TestKit;
using Connectivity.TestKit.Time;

namespace Connectivity.Actors.Tests;

public sealed class TimerSchedulerTests
{
    private sealed record StartSingle(TimeSpan Delay);

    private sealed record StartPeriodic(TimeSpan Interval);

    private static Props TimerActor(IActorRef probe, Func<DelegateActor, object, ValueTask>? extra = null) =>
        Props.Create(() => new DelegateActor(async (self, message) =>
        {
            switch (message)
            {
                case StartSingle single:
                    self.Context.Timers.StartSingleTimer("key", "tick", single.Delay);
                    self.Sender.Tell("started");
                    break;
                case StartPeriodic periodic:
                    self.Context.Timers.StartPeriodicTimer("key", "tick", periodic.Interval);
                    self.Sender.Tell("started");
                    break;
                case "active?":
                    self.Sender.Tell(self.Context.Timers.IsTimerActive("key"));
                    break;
                default:
                    if (extra is not null)
                    {
                        await extra(self, message);
                    }
                    else
                    {
                        probe.Tell(message);
                    }

                    break;
            }
        }));

    [Fact]
    public async Task StartSingleTimer_should_deliver_once_when_delay_elapses()
    {
        var clock = new ManualTimeProvider();
        await using var system = ActorSystem.Create("test", new ActorSystemSettings { TimeProvider = clock });
        var probe = new TestProbe();
        var actor = system.ActorOf(TimerActor(probe), "timed");
        await actor.Ask<string>(new StartSingle(TimeSpan.FromSeconds(2)), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(2));

        await probe.ExpectAsync("tick");
        Assert.False(await actor.Ask<bool>("active?", Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task StartPeriodicTimer_should_deliver_every_interval_until_cancelled()
    {
        var clock = new ManualTimeProvider();
        await using var system = ActorSystem.Create("test", new ActorSystemSettings { TimeProvider = clock });
        var probe = new TestProbe();
        var actor = system.ActorOf(TimerActor(probe), "timed");
        await actor.Ask<string>(new StartPeriodic(TimeSpan.FromSeconds(1)), Timeout.InfiniteTimeSpan);

        clock.Advance(TimeSpan.FromSeconds(3));

        Assert.Equal(["tick", "tick", "tick"], await probe.ExpectManyAsync(3));
        Assert.True(await actor.Ask<bool>("active?", Timeout.InfiniteTimeSpan));
    }

    [Fact]
    public async Task Cancel_should_drop_message_already_enqueued_when_timer_is_cancelled()
    {
        var clock = new ManualTimeProvider();
        await using var system = ActorSystem.Create("test", new ActorSystemSettings { TimeProvider = clock });
        var probe = new TestProbe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(
            TimerActor(probe, async (self, message) =>
            {
                if (message is "hold")
                {
                    probe.Tell("holding");
                    await gate.Task;
                    self.Context.Timers.Cancel("key");
                }
                else
                {
                    probe.Tell(message);
                }
            }),
            "timed");
        await actor.Ask<string>(new StartSingle(TimeSpan.FromSeconds(1)), Timeout.InfiniteTimeSpan);
        actor.Tell("hold");
        await probe.ExpectAsync("holding");

        clock.Advance(TimeSpan.FromSeconds(1));
        gate.SetResult();
        actor.Tell("marker");

        await probe.ExpectAsync("marker");
        Assert.False(probe.HasPending);
    }

    [Fact]
    public async Task Timers_should_be_cancelled_when_actor_stops()
    {
        var clock = new ManualTimeProvider();
        await using var system = ActorSystem.Create("test", new ActorSystemSettings { TimeProvider = clock });
        var probe = new TestProbe();
        var actor = system.ActorOf(TimerActor(probe), "timed");
        await actor.Ask<string>(new StartPeriodic(TimeSpan.FromSeconds(1)), Timeout.InfiniteTimeSpan);
        Assert.Equal(1, clock.ActiveTimers);
        var watcher = system.ActorOf(
            Props.Create(() => new DelegateActor((_, message) =>
            {
                probe.Tell(message);
                return default;
            })
            {
                OnPreStart = self =>
                {
                    self.Context.Watch(actor);
                    return default;
                },
            }),
            "watcher");

        system.Stop(actor);

        await probe.ExpectAsync<Terminated>();
        Assert.Equal(0, clock.ActiveTimers);
    }

    [Fact]
    public async Task SetReceiveTimeout_should_deliver_ReceiveTimeout_when_actor_is_idle()
    {
        var clock = new ManualTimeProvider();
        await using var system = ActorSystem.Create("test", new ActorSystemSettings { TimeProvider = clock });
        var probe = new TestProbe();
        system.ActorOf(
            Props.Create(() => new DelegateActor((_, message) =>
            {
                probe.Tell(message);
                return default;
            })
            {
                OnPreStart = self =>
                {
                    self.Context.SetReceiveTimeout(TimeSpan.FromSeconds(30));
                    return default;
                },
            }),
            "idle");
        Assert.Equal(TimeSpan.FromSeconds(30), await clock.NextTimerCreatedAsync());

        clock.Advance(TimeSpan.FromSeconds(30));

        Assert.Same(ReceiveTimeout.Instance, await probe.ExpectAsync());
    }
}
