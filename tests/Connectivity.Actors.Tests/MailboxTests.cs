using System.Collections.Concurrent;
using Connectivity.Actors.Tests.TestKit;

namespace Connectivity.Actors.Tests;

public sealed class MailboxTests
{
    [Fact]
    public async Task Tell_should_deliver_in_order_when_sent_by_one_sender()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var actor = system.ActorOf(DelegateActor.Forwarding(probe), "echo");

        for (var i = 0; i < 1000; i++)
        {
            actor.Tell(i);
        }

        Assert.Equal(Enumerable.Range(0, 1000).Cast<object>(), await probe.ExpectManyAsync(1000));
    }

    [Fact]
    public async Task OnReceive_should_be_awaited_when_handler_is_async()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var actor = system.ActorOf(
            Props.Create(() => new DelegateActor(async (self, message) =>
            {
                if (message is "slow")
                {
                    probe.Tell("slow-started");
                    await gate.Task;
                    self.Sender.Tell("slow-done");
                }
                else
                {
                    probe.Tell(message);
                }
            })),
            "async");

        actor.Tell("slow", probe);
        actor.Tell("fast");
        await probe.ExpectAsync("slow-started");
        gate.SetResult();

        await probe.ExpectAsync("slow-done");
        await probe.ExpectAsync("fast");
    }

    [Fact]
    public async Task SystemMessages_should_overtake_user_messages_when_both_are_queued()
    {
        var dispatcher = new ManualDispatcher();
        var system = ActorSystem.Create("test", new ActorSystemSettings { Dispatcher = dispatcher.Schedule });
        var processed = new List<object>();
        var deadLetters = new List<object>();
        using var subscription = system.EventStream.Subscribe<DeadLetter>(letter => deadLetters.Add(letter.Message));
        var actor = system.ActorOf(DelegateActor.Props((_, message) => processed.Add(message)), "target");
        dispatcher.RunAll();

        actor.Tell("one");
        actor.Tell("two");
        system.Stop(actor);
        dispatcher.RunAll();

        Assert.Empty(processed);
        Assert.Equal(["one", "two"], deadLetters);
        dispatcher.Release();
        await system.Terminate();
    }

    [Fact]
    public async Task Throughput_should_give_another_actor_a_turn_when_limit_is_reached()
    {
        var dispatcher = new ManualDispatcher();
        var system = ActorSystem.Create("test", new ActorSystemSettings { Dispatcher = dispatcher.Schedule });
        var order = new List<object>();
        var busy = system.ActorOf(DelegateActor.Props((_, message) => order.Add(message)).WithThroughput(2), "busy");
        var other = system.ActorOf(DelegateActor.Props((_, message) => order.Add(message)), "other");
        dispatcher.RunAll();

        foreach (var message in new[] { "a1", "a2", "a3", "a4", "a5" })
        {
            busy.Tell(message);
        }

        other.Tell("b1");
        dispatcher.RunAll();

        Assert.Equal(["a1", "a2", "b1", "a3", "a4", "a5"], order);
        dispatcher.Release();
        await system.Terminate();
    }

    [Fact]
    public async Task Tell_should_keep_each_senders_order_when_many_threads_send()
    {
        await using var system = ActorSystem.Create("test");
        var received = new ConcurrentDictionary<int, List<int>>();
        var done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var total = 0;
        var actor = system.ActorOf(
            DelegateActor.Props((_, message) =>
            {
                var (sender, sequence) = ((int, int))message;
                received.GetOrAdd(sender, _ => []).Add(sequence);
                if (++total == 4 * 10_000)
                {
                    done.SetResult();
                }
            }),
            "sink");

        await Task.WhenAll(Enumerable.Range(0, 4).Select(sender => Task.Run(() =>
        {
            for (var i = 0; i < 10_000; i++)
            {
                actor.Tell((sender, i));
            }
        })));
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.All(received.Values, sequences => Assert.Equal(Enumerable.Range(0, 10_000), sequences));
    }
}
