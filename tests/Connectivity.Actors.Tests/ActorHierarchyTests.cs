using Connectivity.Actors.Tests.TestKit;

namespace Connectivity.Actors.Tests;

public sealed class ActorHierarchyTests
{
    private static Props ParentOf(string childName, IActorRef probe) =>
        Props.Create(() => new DelegateActor((self, message) =>
        {
            self.Sender.Tell(self.Context.Child((string)message)?.Path.ToString() ?? "none");
            return default;
        })
        {
            OnPreStart = self =>
            {
                self.Context.ActorOf(DelegateActor.Forwarding(probe), childName);
                return default;
            },
        });

    [Fact]
    public async Task ActorOf_should_place_child_under_parent_path_when_created_in_context()
    {
        await using var system = ActorSystem.Create("test");
        var parent = system.ActorOf(ParentOf("child", new TestProbe()), "parent");

        var childPath = await parent.Ask<string>("child", TimeSpan.FromSeconds(5));

        Assert.Equal("/user/parent", parent.Path.ToString());
        Assert.Equal("/user/parent/child", childPath);
        var path = ActorPath.Parse(childPath);
        Assert.Equal("child", path.Name);
        Assert.Equal(parent.Path, path.Parent);
        Assert.Equal(["user", "parent", "child"], path.Elements);
    }

    [Fact]
    public async Task SystemActorOf_should_place_actor_under_system_guardian()
    {
        await using var system = ActorSystem.Create("test");

        var actor = system.SystemActorOf(DelegateActor.Props((_, _) => { }), "sharding");

        Assert.Equal("/system/sharding", actor.Path.ToString());
        Assert.Same(actor, system.ResolvePath("/system/sharding"));
    }

    [Fact]
    public async Task ResolvePath_should_return_live_actor_when_path_exists()
    {
        await using var system = ActorSystem.Create("test");
        var probe = new TestProbe();
        var parent = system.ActorOf(ParentOf("child", probe), "parent");
        await parent.Ask<string>("child", TimeSpan.FromSeconds(5));

        var child = system.ResolvePath("/user/parent/child");

        Assert.NotNull(child);
        child.Tell("ping");
        await probe.ExpectAsync("ping");
        Assert.Same(parent, system.ResolvePath("/user/parent"));
        Assert.Same(system.DeadLetters, system.ResolvePath("/deadLetters"));
        Assert.Null(system.ResolvePath("/user/parent/missing"));
        Assert.Null(system.ResolvePath("/user/nobody/child"));
    }

    [Fact]
    public async Task ActorOf_should_throw_InvalidActorNameException_when_name_is_taken()
    {
        await using var system = ActorSystem.Create("test");
        system.ActorOf(DelegateActor.Props((_, _) => { }), "twin");

        Assert.Throws<InvalidActorNameException>(() => system.ActorOf(DelegateActor.Props((_, _) => { }), "twin"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("$reserved")]
    [InlineData("a/b")]
    [InlineData("with space")]
    public async Task ActorOf_should_throw_InvalidActorNameException_when_name_is_malformed(string name)
    {
        await using var system = ActorSystem.Create("test");

        Assert.Throws<InvalidActorNameException>(() => system.ActorOf(DelegateActor.Props((_, _) => { }), name));
    }

    [Fact]
    public async Task ActorOf_should_accept_name_when_it_uses_allowed_specials()
    {
        await using var system = ActorSystem.Create("test");

        var actor = system.ActorOf(DelegateActor.Props((_, _) => { }), "conn-1_a:b.c@d!e*f;g,h'(i)~j=k+l%m");

        Assert.Equal("conn-1_a:b.c@d!e*f;g,h'(i)~j=k+l%m", actor.Path.Name);
    }

    [Fact]
    public async Task ActorOf_should_generate_names_when_name_is_null()
    {
        await using var system = ActorSystem.Create("test");
        var parent = system.ActorOf(
            DelegateActor.Props((self, _) =>
            {
                var first = self.Context.ActorOf(DelegateActor.Props((_, _) => { }));
                var second = self.Context.ActorOf(DelegateActor.Props((_, _) => { }));
                self.Sender.Tell(new[] { first.Path.Name, second.Path.Name, self.Context.Children.Count.ToString() });
            }),
            "parent");

        var names = await parent.Ask<string[]>("spawn", TimeSpan.FromSeconds(5));

        Assert.Equal(["$a", "$b", "2"], names);
    }
}
