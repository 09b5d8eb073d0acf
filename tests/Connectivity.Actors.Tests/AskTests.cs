using Connectivity.Actors.Tests.TestKit;
using Connectivity.TestKit.Time;

namespace Connectivity.Actors.Tests;

public sealed class AskTests
{
    [Fact]
    public async Task Ask_should_return_reply_when_actor_answers_sender()
    {
        await using var system = ActorSystem.Create("test");
        var actor = system.ActorOf(DelegateActor.Props((self, message) => self.Sender.Tell($"re:{message}")), "echo");

        var reply = await actor.Ask<string>("hello", TimeSpan.FromSeconds(5));

        Assert.Equal("re:hello", reply);
    }

    [Fact]
    public async Task Ask_should_reply_from_temp_path_when_asking()
    {
        await using var system = ActorSystem.Create("test");
        var actor = system.ActorOf(DelegateActor.Props((self, _) => self.Sender.Tell(self.Sender.Path.ToString())), "echo");

        var path = await actor.Ask<string>("who", TimeSpan.FromSeconds(5));

        Assert.StartsWith("/temp/", path, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ask_should_throw_AskTimeoutException_when_no_reply_arrives_in_time()
    {
        var clock = new ManualTimeProvider();
        await using var system = ActorSystem.Create("test", new ActorSystemSettings { TimeProvider = clock });
        var silent = system.ActorOf(DelegateActor.Props((_, _) => { }), "silent");

        var ask = silent.Ask<string>("anyone?", TimeSpan.FromSeconds(3));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.False(ask.IsCompleted);
        clock.Advance(TimeSpan.FromSeconds(1));

        await Assert.ThrowsAsync<AskTimeoutException>(() => ask);
    }

    [Fact]
    public async Task Ask_should_throw_the_cause_when_reply_is_Status_Failure()
    {
        await using var system = ActorSystem.Create("test");
        var actor = system.ActorOf(
            DelegateActor.Props((self, _) => self.Sender.Tell(new Status.Failure(new InvalidOperationException("nope")))),
            "failing");

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => actor.Ask<string>("go", TimeSpan.FromSeconds(5)));

        Assert.Equal("nope", error.Message);
    }

    [Fact]
    public async Task Ask_should_throw_InvalidCastException_when_reply_has_another_type()
    {
        await using var system = ActorSystem.Create("test");
        var actor = system.ActorOf(DelegateActor.Props((self, _) => self.Sender.Tell(42)), "number");

        await Assert.ThrowsAsync<InvalidCastException>(() => actor.Ask<string>("go", TimeSpan.FromSeconds(5)));
    }

    [Fact]
    public async Task Ask_should_be_cancelled_when_token_is_cancelled()
    {
        await using var system = ActorSystem.Create("test");
        var silent = system.ActorOf(DelegateActor.Props((_, _) => { }), "silent");
        using var cancellation = new CancellationTokenSource();

        var ask = silent.Ask("anyone?", TimeSpan.FromMinutes(1), cancellation.Token);
        await cancellation.CancelAsync();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => ask);
    }
}
