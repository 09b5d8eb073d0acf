using System.Collections.Concurrent;
using Connectivity.Actors.Tests.TestKit;

namespace Connectivity.Actors.Tests;

public sealed class LifecycleTests
{
    [Fact]
    public async Task PostStop_should_run_before_watchers_are_told_when_restarted_actor_stops()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var instances = 0;
        var props = Props.Create(() =>
        {
            var instance = ++instances;
            return new DelegateActor((_, message) => message is "fail" ? throw new InvalidOperationException("boom") : default)
            {
                OnPreStart = _ => Record($"PreStart#{instance}"),
                OnPostStop = _ => Record($"PostStop#{instance}"),
                OnPreRestart = (_, reason) => Record($"PreRestart#{instance}:{reason.Message}"),
                OnPostRestart = (_, reason) => Record($"PostRestart#{instance}:{reason.Message}"),
            };
        });
        var actor = system.ActorOf(props, "hooks");
        var watcher = system.ActorOf(
            Props.Create(() => new DelegateActor((_, message) => Record(message.GetType().Name))
            {
                OnPreStart = self =>
                {
                    self.Context.Watch(actor);
                    return default;
                },
            }),
            "watcher");

        actor.Tell("fail");
        await probe.ExpectManyAsync(4);
        system.Stop(actor);

        var rest = await probe.ExpectManyAsync(2);
        Assert.Equal(["PostStop#2", "Terminated"], rest);

        ValueTask Record(string step)
        {
            probe.Tell(step);
            return default;
        }
    }

    [Fact]
    public async Task Hooks_should_run_PreStart_then_PreRestart_PostStop_PostRestart_when_restarting()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var instances = 0;
        var props = Props.Create(() =>
        {
            var instance = ++instances;
            return new DelegateActor((_, message) => message is "fail" ? throw new InvalidOperationException("boom") : default)
            {
                OnPreStart = _ => Record($"PreStart#{instance}"),
                OnPostStop = _ => Record($"PostStop#{instance}"),
                OnPreRestart = (_, reason) => Record($"PreRestart#{instance}:{reason.Message}"),
                OnPostRestart = (_, reason) => Record($"PostRestart#{instance}:{reason.Message}"),
            };
        });
        var actor = system.ActorOf(props, "hooks");

        actor.Tell("fail");

        Assert.Equal(["PreStart#1", "PreRestart#1:boom", "PostStop#1", "PostRestart#2:boom"], await probe.ExpectManyAsync(4));

        ValueTask Record(string step)
        {
            probe.Tell(step);
            return default;
        }
    }

    [Fact]
    public async Task PreStart_should_be_awaited_when_it_is_async_before_first_message()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(
            Props.Create(() => new DelegateActor((_, message) =>
            {
                probe.Tell(message);
                return default;
            })
            {
                OnPreStart = async _ =>
                {
                    await gate.Task;
                    probe.Tell("started");
                },
            }),
            "slow-start");

        actor.Tell("first");
        gate.SetResult();

        Assert.Equal(["started", "first"], await probe.ExpectManyAsync(2));
    }

    [Fact]
    public async Task Terminate_should_stop_children_before_parents_when_system_terminates()
    {
        var system = ActorSystem.Create("test");
        var stopped = new ConcurrentQueue<string>();
        var ready = new TestProbe();
        Props Node(int depth) => Props.Create(() => new DelegateActor((_, _) => default)
        {
            OnPreStart = self =>
            {
                if (depth < 2)
                {
                    self.Context.ActorOf(Node(depth + 1), $"level{depth + 1}");
                }
                else
                {
                    ready.Tell("ready");
                }

                return default;
            },
            OnPostStop = self =>
            {
                stopped.Enqueue(self.Self.Path.ToString());
                return default;
            },
        });
        system.ActorOf(Node(0), "level0");
        await ready.ExpectAsync("ready");

        await system.Terminate();

        Assert.True(system.WhenTerminated.IsCompletedSuccessfully);
        Assert.Equal(["/user/level0/level1/level2", "/user/level0/level1", "/user/level0"], stopped);
        Assert.Null(system.ResolvePath("/user/level0"));
    }

    [Fact]
    public async Task PoisonPill_should_stop_actor_after_messages_queued_before_it()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var deadLetters = new TestProbe();
        using var subscription = system.EventStream.Subscribe<DeadLetter>(letter => deadLetters.Tell(letter.Message));
        var actor = system.ActorOf(DelegateActor.Forwarding(probe), "victim");

        actor.Tell("one");
        actor.Tell("two");
        actor.Tell(PoisonPill.Instance);
        actor.Tell("three");

        Assert.Equal(["one", "two"], await probe.ExpectManyAsync(2));
        await deadLetters.ExpectAsync("three");
    }
}
