using System.Threading.Channels;
using Connectivity.Actors;
using Connectivity.Cluster.Transport;
using Xunit;

namespace Connectivity.Cluster.Tests.Transport;

public sealed class ClusterTransportClientTests : IAsyncLifetime
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private TransportTestNode _a = null!;
    private TransportTestNode _b = null!;

    public async Task InitializeAsync()
    {
        _a = await TransportTestNode.StartAsync("a");
        _b = await TransportTestNode.StartAsync("b");
    }

    public async Task DisposeAsync()
    {
        await _a.DisposeAsync();
        await _b.DisposeAsync();
    }

    [Fact]
    public async Task TellAsync_should_deliver_message_when_recipient_is_on_another_node()
    {
        var inbox = Channel.CreateUnbounded<object>();
        _b.System.SystemActorOf(LambdaActor.Recording(inbox.Writer), "inbox");

        await _a.Transport.TellAsync(_b.Address, "/system/inbox", new OpenCommand("c-1"), sender: null);

        Assert.Equal(new OpenCommand("c-1"), await inbox.Reader.ReadAsync().AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task AskAsync_should_return_typed_reply_when_recipient_is_on_another_node()
    {
        _b.System.ActorOf(LambdaActor.Echo(), "echo");

        var reply = await _a.Transport.AskAsync(_b.Address, "/user/echo", new Ping("hello"), Patience);

        Assert.Equal(new Pong("hello"), reply);
    }

    [Fact]
    public async Task Ask_should_return_reply_when_asking_a_RemoteActorRef()
    {
        _b.System.ActorOf(LambdaActor.Echo(), "echo");
        var echo = _a.Transport.RemoteRef(_b.Address, "/user/echo");

        var reply = await echo.Ask<Pong>(new Ping("via promise"), Patience);

        Assert.Equal(new Pong("via promise"), reply);
    }

    [Fact]
    public async Task TellAsync_should_route_reply_to_local_actor_when_it_is_the_sender()
    {
        _b.System.ActorOf(LambdaActor.Echo(), "echo");
        var inbox = Channel.CreateUnbounded<object>();
        var replies = _a.System.ActorOf(LambdaActor.Recording(inbox.Writer), "replies");

        await _a.Transport.TellAsync(_b.Address, "/user/echo", new Ping("back to a"), replies);

        Assert.Equal(new Pong("back to a"), await inbox.Reader.ReadAsync().AsTask().WaitAsync(Patience));
    }

    [Fact]
    public async Task RemoteActorRef_should_show_sender_as_remote_ref_when_message_comes_from_another_node()
    {
        var senders = Channel.CreateUnbounded<IActorRef>();
        _b.System.ActorOf(LambdaActor.Props((_, sender, _) => senders.Writer.TryWrite(sender)), "who");
        var local = _a.System.ActorOf(LambdaActor.Props((_, _, _) => { }), "asker");

        _a.Transport.RemoteRef(_b.Address, "/user/who").Tell(new Ping("x"), local);

        var sender = Assert.IsType<RemoteActorRef>(await senders.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        Assert.Equal(_a.Address, sender.NodeAddress);
        Assert.Equal("/user/asker", sender.RecipientPath.ToString());
        Assert.Equal($"/remote/{new Uri(_a.Address).Authority}/user/asker", sender.Path.ToString());
    }

    [Fact]
    public async Task RemoteActorRef_should_deliver_in_order_when_told_many_messages()
    {
        var inbox = Channel.CreateUnbounded<object>();
        _b.System.ActorOf(LambdaActor.Recording(inbox.Writer), "ordered");
        var remote = _a.Transport.RemoteRef(_b.Address, "/user/ordered");

        for (var i = 0; i < 200; i++)
        {
            remote.Tell(i);
        }

        for (var i = 0; i < 200; i++)
        {
            Assert.Equal(i, await inbox.Reader.ReadAsync().AsTask().WaitAsync(Patience));
        }
    }

    [Fact]
    public async Task AskAsync_should_return_Status_Failure_with_translated_exception_when_remote_actor_fails()
    {
        _b.System.ActorOf(
            LambdaActor.Props((_, sender, _) => sender.Tell(new Status.Failure(new CodedException("connectivity:connection.notfound", "no such connection")))),
            "failing");

        var reply = await _a.Transport.AskAsync(_b.Address, "/user/failing", new Ping("x"), Patience);

        var cause = Assert.IsType<CodedException>(Assert.IsType<Status.Failure>(reply).Cause);
        Assert.Equal("connectivity:connection.notfound", cause.ErrorCode);
        Assert.Equal("no such connection", cause.Message);
    }

    [Fact]
    public async Task Ask_should_throw_remote_cause_when_RemoteActorRef_replies_with_untranslated_failure()
    {
        _b.System.ActorOf(LambdaActor.Props((_, sender, _) => sender.Tell(new Status.Failure(new InvalidOperationException("broken")))), "failing");

        var error = await Assert.ThrowsAsync<RemoteFailureException>(
            () => _a.Transport.RemoteRef(_b.Address, "/user/failing").Ask<Pong>(new Ping("x"), Patience));

        Assert.Equal("System.InvalidOperationException", error.RemoteType);
        Assert.Equal("broken", error.Message);
    }

    [Fact]
    public async Task AskAsync_should_throw_AskTimeoutException_when_remote_actor_does_not_reply()
    {
        _b.System.ActorOf(LambdaActor.Props((_, _, _) => { }), "silent");

        await Assert.ThrowsAsync<AskTimeoutException>(
            () => _a.Transport.AskAsync(_b.Address, "/user/silent", new Ping("anyone?"), TimeSpan.FromMilliseconds(200)));
    }

    [Fact]
    public async Task AskAsync_should_throw_ClusterTransportException_naming_the_path_when_recipient_is_unknown()
    {
        var error = await Assert.ThrowsAsync<ClusterTransportException>(
            () => _a.Transport.AskAsync(_b.Address, "/user/nobody", new Ping("x"), Patience));

        Assert.Equal(ClusterTransportException.RecipientNotFound, error.ErrorCode);
        Assert.Contains("/user/nobody", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TellAsync_should_throw_ClusterTransportException_when_recipient_is_unknown()
    {
        var error = await Assert.ThrowsAsync<ClusterTransportException>(
            () => _a.Transport.TellAsync(_b.Address, "/system/sharding/nothing", new Ping("x"), sender: null));

        Assert.Equal(ClusterTransportException.RecipientNotFound, error.ErrorCode);
    }

    [Fact]
    public async Task TellAsync_should_throw_NodeUnreachableException_when_node_is_down()
    {
        var address = _b.Address;
        await _b.App.StopAsync();

        var error = await Assert.ThrowsAsync<NodeUnreachableException>(
            () => _a.Transport.TellAsync(address, "/user/echo", new Ping("x"), sender: null));

        Assert.Equal(address, error.NodeAddress);
        await Assert.ThrowsAsync<NodeUnreachableException>(() => _a.Transport.AskAsync(address, "/user/echo", new Ping("x"), Patience));
    }

    [Fact]
    public async Task RemoteActorRef_should_publish_RemoteDeliveryFailed_when_node_is_down()
    {
        var failures = Channel.CreateUnbounded<RemoteDeliveryFailed>();
        using var subscription = _a.System.EventStream.Subscribe<RemoteDeliveryFailed>(f => failures.Writer.TryWrite(f));
        var remote = _a.Transport.RemoteRef(_b.Address, "/user/echo");
        await _b.App.StopAsync();

        remote.Tell(new Ping("lost"));

        var failure = await failures.Reader.ReadAsync().AsTask().WaitAsync(Patience);
        Assert.Equal(new Ping("lost"), failure.Message);
        Assert.Equal(remote, failure.Recipient);
        Assert.IsType<NodeUnreachableException>(failure.Cause);
    }

    [Fact]
    public async Task TellAsync_should_throw_ClusterTransportException_Unauthorized_when_secrets_differ()
    {
        await using var stranger = await TransportTestNode.StartAsync("stranger", secret: "other");
        _b.System.ActorOf(LambdaActor.Echo(), "echo");

        var error = await Assert.ThrowsAsync<ClusterTransportException>(
            () => stranger.Transport.TellAsync(_b.Address, "/user/echo", new Ping("x"), sender: null));

        Assert.Equal(ClusterTransportException.Unauthorized, error.ErrorCode);
    }
}
