using Connectivity.Actors.Tests.TestKit;

namespace Connectivity.Actors.Tests;

public sealed class BehaviorTests
{
    [Fact]
    public async Task UnstashAll_should_replay_stashed_messages_in_order_before_newer_ones()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var actor = system.ActorOf(
            DelegateActor.Props((self, message) =>
            {
                if (message is "open")
                {
                    self.Context.Become(next =>
                    {
                        probe.Tell(next);
                        return default;
                    });
                    self.Context.UnstashAll();
                }
                else
                {
                    self.Context.Stash();
                }
            }),
            "gate");

        actor.Tell("a");
        actor.Tell("b");
        actor.Tell("open");
        actor.Tell("c");

        Assert.Equal(["a", "b", "c"], await probe.ExpectManyAsync(3));
    }

    [Fact]
    public async Task Become_should_replace_OnReceive_until_UnbecomeToDefault()
    {
        await using var system = ActorSystem.Create("test");
        var actor = system.ActorOf(
            DelegateActor.Props((self, message) =>
            {
                if (message is "switch")
                {
                    self.Context.Become(next =>
                    {
                        if (next is "back")
                        {
                            self.Context.UnbecomeToDefault();
                        }

                        self.Sender.Tell($"other:{next}");
                        return default;
                    });
                }

                self.Sender.Tell($"default:{message}");
            }),
            "moody");

        var replies = new List<string>();
        foreach (var message in new[] { "x", "switch", "y", "back", "z" })
        {
            replies.Add(await actor.Ask<string>(message, TimeSpan.FromSeconds(5)));
        }

        Assert.Equal(["default:x", "default:switch", "other:y", "other:back", "default:z"], replies);
    }

    [Fact]
    public async Task Unhandled_should_publish_UnhandledMessage_when_actor_declines()
    {
        await using var system = ActorSystem.Create("test");
        var events = new TestProbe();
        using var subscription = system.EventStream.Subscribe<UnhandledMessage>(evt => events.Tell(evt));
        var actor = system.ActorOf(DelegateActor.Props((self, message) => self.Unhandled(message)), "picky");

        actor.Tell(42);

        var unhandled = await events.ExpectAsync<UnhandledMessage>();
        Assert.Equal(42, unhandled.Message);
        Assert.Same(actor, unhandled.Recipient);
        Assert.Same(system.DeadLetters, unhandled.Sender);
    }
}
