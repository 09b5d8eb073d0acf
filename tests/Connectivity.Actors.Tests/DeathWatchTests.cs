using Connectivity.Actors.Tests.TestKit;

namespace Connectivity.Actors.Tests;

public sealed class DeathWatchTests
{
    /// <summary>An actor that watches whatever ref it is sent and forwards Terminated to the probe.</summary>
    private static Props Watcher(IActorRef probe) =>
        DelegateActor.Props((self, message) =>
        {
            switch (message)
            {
                case Terminated terminated:
                    probe.Tell(terminated);
                    break;
                case IActorRef subject:
                    self.Context.Watch(subject);
                    self.Sender.Tell("watching");
                    break;
            }
        });

    [Fact]
    public async Task Watch_should_deliver_Terminated_once_when_subject_stops()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var subject = system.ActorOf(DelegateActor.Props((_, _) => { }), "subject");
        var watcher = system.ActorOf(Watcher(probe), "watcher");
        await watcher.Ask<string>(subject, TimeSpan.FromSeconds(5));

        system.Stop(subject);

        var terminated = await probe.ExpectAsync<Terminated>();
        Assert.Same(subject, terminated.ActorRef);
        Assert.Null(system.ResolvePath("/user/subject"));
    }

    [Fact]
    public async Task Watch_should_deliver_Terminated_immediately_when_subject_is_already_dead()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var subject = system.ActorOf(DelegateActor.Props((_, _) => { }), "subject");
        var firstWatcher = system.ActorOf(Watcher(probe), "first");
        await firstWatcher.Ask<string>(subject, TimeSpan.FromSeconds(5));
        system.Stop(subject);
        await probe.ExpectAsync<Terminated>();

        var lateWatcher = system.ActorOf(Watcher(probe), "late");
        await lateWatcher.Ask<string>(subject, TimeSpan.FromSeconds(5));

        Assert.Same(subject, (await probe.ExpectAsync<Terminated>()).ActorRef);
    }

    [Fact]
    public async Task Stop_should_free_the_name_when_watchers_are_told()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var subject = system.ActorOf(DelegateActor.Props((_, _) => { }), "reused");
        var watcher = system.ActorOf(Watcher(probe), "watcher");
        await watcher.Ask<string>(subject, TimeSpan.FromSeconds(5));

        subject.Tell(PoisonPill.Instance);
        await probe.ExpectAsync<Terminated>();

        Assert.Equal("/user/reused", system.ActorOf(DelegateActor.Props((_, _) => { }), "reused").Path.ToString());
    }

    [Fact]
    public async Task Tell_should_publish_DeadLetter_when_recipient_is_stopped()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var letters = new TestProbe();
        using var subscription = system.EventStream.Subscribe<DeadLetter>(letter => letters.Tell(letter));
        var subject = system.ActorOf(DelegateActor.Props((_, _) => { }), "subject");
        var watcher = system.ActorOf(Watcher(probe), "watcher");
        await watcher.Ask<string>(subject, TimeSpan.FromSeconds(5));
        system.Stop(subject);
        await probe.ExpectAsync<Terminated>();

        subject.Tell("too late", watcher);

        var letter = await letters.ExpectAsync<DeadLetter>();
        Assert.Equal("too late", letter.Message);
        Assert.Same(subject, letter.Recipient);
        Assert.Same(watcher, letter.Sender);
    }

    [Fact]
    public async Task Sender_should_be_DeadLetters_when_message_has_no_sender()
    {
        await using var system = ActorSystem.Create("test");
        var letters = new TestProbe();
        using var subscription = system.EventStream.Subscribe<DeadLetter>(letter => letters.Tell(letter));
        var echo = system.ActorOf(DelegateActor.Props((self, message) => self.Sender.Tell($"re:{message}", self.Self)), "echo");

        echo.Tell("hello", ActorRefs.NoSender);

        var letter = await letters.ExpectAsync<DeadLetter>();
        Assert.Equal("re:hello", letter.Message);
        Assert.Same(system.DeadLetters, letter.Recipient);
        Assert.Same(echo, letter.Sender);
    }
}
