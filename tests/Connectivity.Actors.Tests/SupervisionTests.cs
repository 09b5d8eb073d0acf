using Connectivity.Actors.Tests.TestKit;
using Connectivity.TestKit.Time;

namespace Connectivity.Actors.Tests;

public sealed class SupervisionTests
{
    /// <summary>A counter that fails on "fail" and answers "count" with its state.</summary>
    private static Props Counter(IActorRef? probe = null) =>
        Props.Create(() =>
        {
            var count = 0;
            return new DelegateActor((self, message) =>
            {
                switch (message)
                {
                    case "fail":
                        throw new InvalidOperationException("boom");
                    case "count":
                        self.Sender.Tell(count);
                        break;
                    default:
                        count++;
                        break;
                }

                return default;
            })
            {
                OnPostRestart = (_, reason) =>
                {
                    probe?.Tell($"restarted:{reason.Message}");
                    return default;
                },
            };
        });

    /// <summary>A parent applying <paramref name="strategy"/> that creates <paramref name="child"/> as "child" and forwards Terminated of it.</summary>
    private static Props Supervisor(SupervisorStrategy strategy, Props child, IActorRef probe) =>
        Props.Create(() => new DelegateActor((self, message) =>
        {
            if (message is Terminated terminated)
            {
                probe.Tell(terminated);
            }
            else
            {
                self.Context.Child("child")!.Tell(message, self.Sender);
            }

            return default;
        })
        {
            OnPreStart = self =>
            {
                self.Context.Watch(self.Context.ActorOf(child, "child"));
                return default;
            },
        }).WithSupervisorStrategy(strategy);

    private static OneForOneStrategy Always(Directive directive) => new(-1, Timeout.InfiniteTimeSpan, _ => directive);

    [Fact]
    public async Task Default_strategy_should_restart_with_fresh_state_when_actor_throws()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var errors = new TestProbe();
        using var subscription = system.EventStream.Subscribe<ActorError>(error => errors.Tell(error));
        var counter = system.ActorOf(Counter(probe), "counter");

        counter.Tell("inc");
        counter.Tell("fail");

        await probe.ExpectAsync("restarted:boom");
        Assert.Equal(0, await counter.Ask<int>("count", TimeSpan.FromSeconds(5)));
        var error = await errors.ExpectAsync<ActorError>();
        Assert.Equal(counter.Path, error.Path);
        Assert.Equal("fail", error.Message);
        Assert.IsType<InvalidOperationException>(error.Exception);
    }

    [Fact]
    public async Task Resume_should_keep_state_when_decider_resumes()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var parent = system.ActorOf(Supervisor(Always(Directive.Resume), Counter(probe), probe), "parent");

        parent.Tell("inc");
        parent.Tell("fail");
        parent.Tell("inc");

        Assert.Equal(2, await parent.Ask<int>("count", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Stop_should_terminate_child_when_decider_stops()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var parent = system.ActorOf(Supervisor(Always(Directive.Stop), Counter(probe), probe), "parent");

        parent.Tell("fail");

        var terminated = await probe.ExpectAsync<Terminated>();
        Assert.Equal("/user/parent/child", terminated.ActorRef.Path.ToString());
    }

    [Fact]
    public async Task Escalate_should_fail_the_parent_when_decider_escalates()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var errors = new TestProbe();
        using var subscription = system.EventStream.Subscribe<ActorError>(error => errors.Tell(error.Path.ToString()));
        var parentProps = Props.Create(() => new DelegateActor((self, message) =>
        {
            self.Context.Child("child")?.Tell(message);
            return default;
        })
        {
            OnPreStart = self =>
            {
                self.Context.ActorOf(Counter(), "child");
                return default;
            },
            OnPostRestart = (self, reason) =>
            {
                probe.Tell($"parent restarted:{reason.Message}");
                self.Context.ActorOf(Counter(), "child");
                return default;
            },
        }).WithSupervisorStrategy(Always(Directive.Escalate));
        var parent = system.ActorOf(parentProps, "parent");

        parent.Tell("fail");

        await probe.ExpectAsync("parent restarted:boom");
        Assert.Equal(["/user/parent/child", "/user/parent"], await errors.ExpectManyAsync(2));
    }

    [Fact]
    public async Task Restart_should_stop_child_when_retries_are_exceeded_within_window()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var strategy = new OneForOneStrategy(2, TimeSpan.FromMinutes(1), _ => Directive.Restart);
        var parent = system.ActorOf(Supervisor(strategy, Counter(probe), probe), "parent");

        parent.Tell("fail");
        parent.Tell("fail");
        parent.Tell("fail");

        await probe.ExpectAsync("restarted:boom");
        await probe.ExpectAsync("restarted:boom");
        await probe.ExpectAsync<Terminated>();
    }

    [Fact]
    public async Task Restart_should_wait_for_backoff_delay_when_backoff_is_configured()
    {
        var clock = new ManualTimeProvider();
        await using var system = ActorSystem.Create("test", new ActorSystemSettings { TimeProvider = clock });
        var probe = new TestProbe();
        var start = clock.GetUtcNow();
        var child = Props.Create(() => new DelegateActor((self, message) =>
        {
            if (message is "fail")
            {
                throw new InvalidOperationException("boom");
            }

            probe.Tell($"got:{message}");
            return default;
        })
        {
            OnPostRestart = (_, _) =>
            {
                probe.Tell(clock.GetUtcNow() - start);
                return default;
            },
        });
        var backoff = new RestartBackoff(TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(10), RandomFactor: 0);
        var strategy = new OneForOneStrategy(-1, Timeout.InfiniteTimeSpan, _ => Directive.Restart, backoff);
        var parent = system.ActorOf(Supervisor(strategy, child, probe), "parent");

        parent.Tell("fail");
        Assert.Equal(TimeSpan.FromSeconds(1), await clock.NextTimerCreatedAsync());
        parent.Tell("waiting");
        clock.Advance(TimeSpan.FromMilliseconds(999));
        clock.Advance(TimeSpan.FromMilliseconds(1));

        Assert.Equal(TimeSpan.FromSeconds(1), await probe.ExpectAsync<TimeSpan>());
        await probe.ExpectAsync("got:waiting");

        parent.Tell("fail");
        Assert.Equal(TimeSpan.FromSeconds(2), await clock.NextTimerCreatedAsync());
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(TimeSpan.FromSeconds(3), await probe.ExpectAsync<TimeSpan>());
    }

    [Fact]
    public async Task Default_strategy_should_stop_actor_when_PreStart_throws()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var broken = Props.Create(() => new DelegateActor((_, _) => default)
        {
            OnPreStart = _ => throw new InvalidOperationException("cannot start"),
        });

        system.ActorOf(Supervisor(SupervisorStrategy.Default, broken, probe), "parent");

        await probe.ExpectAsync<Terminated>();
    }
}
