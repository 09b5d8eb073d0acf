using System.Runtime.Serialization;
using System.Text.Json.Nodes;
using Connectivity.Actors;
using Connectivity.Cluster.Transport;
using Xunit;

namespace Connectivity.Cluster.Tests.Transport;

public sealed class MessageSerializerRegistryTests
{
    [Fact]
    public void Registry_should_round_trip_message_when_its_type_is_registered()
    {
        var registry = TestSerializers.Create();

        Assert.True(registry.TrySerialize(new Ping("hi"), out var typeId, out var json));

        Assert.Equal("test:ping", typeId);
        Assert.Equal(new Ping("hi"), registry.Deserialize(typeId, JsonNode.Parse(json.ToJsonString())!));
    }

    [Fact]
    public void Registry_should_use_family_registration_when_only_an_interface_is_registered()
    {
        var registry = TestSerializers.Create();

        Assert.True(registry.TrySerialize(new CloseCommand("c-1"), out var typeId, out var json));

        Assert.Equal("test.commands", typeId);
        Assert.Equal("test.commands:close", (string?)json["type"]);
        Assert.Equal(new CloseCommand("c-1"), registry.Deserialize(typeId, json));
    }

    [Fact]
    public void Registry_should_prefer_exact_type_when_an_assignable_registration_comes_first()
    {
        var registry = new MessageSerializerRegistry();
        registry.Register<ITestCommand>("family", c => c.ToJson(), _ => new OpenCommand("from-family"));
        registry.Register<OpenCommand>("exact", c => c.ToJson(), _ => new OpenCommand("from-exact"));

        registry.TrySerialize(new OpenCommand("x"), out var openId, out _);
        registry.TrySerialize(new CloseCommand("x"), out var closeId, out _);

        Assert.Equal("exact", openId);
        Assert.Equal("family", closeId);
    }

    [Fact]
    public void Registry_should_take_first_assignable_registration_when_several_match()
    {
        var registry = new MessageSerializerRegistry();
        registry.Register<ITestCommand>("commands", c => c.ToJson(), _ => new OpenCommand("a"));
        registry.Register<object>("anything", _ => new JsonObject(), _ => new object());

        registry.TrySerialize(new OpenCommand("x"), out var commandId, out _);
        registry.TrySerialize(new Ping("x"), out var pingId, out _);

        Assert.Equal("commands", commandId);
        Assert.Equal("anything", pingId);
    }

    [Fact]
    public void Registry_should_refuse_message_when_its_type_is_not_registered()
    {
        var registry = new MessageSerializerRegistry();

        Assert.False(registry.TrySerialize(new Ping("x"), out _, out _));
    }

    [Fact]
    public void Registry_should_throw_SerializationException_when_type_id_is_unknown_or_json_unreadable()
    {
        var registry = TestSerializers.Create();

        Assert.Throws<SerializationException>(() => registry.Deserialize("test:nope", new JsonObject()));
        Assert.Throws<SerializationException>(() => registry.Deserialize("test.commands", new JsonObject { ["type"] = "test.commands:bogus" }));
    }

    [Fact]
    public void Registry_should_throw_when_type_id_is_registered_twice()
    {
        var registry = TestSerializers.Create();

        Assert.Throws<ArgumentException>(() => registry.Register<Pong>("test:ping", _ => new JsonObject(), _ => new Pong("")));
    }

    [Fact]
    public void Registry_should_keep_error_code_of_failure_when_an_exception_translator_matches()
    {
        var registry = TestSerializers.Create();

        registry.TrySerialize(new Status.Failure(new CodedException("connectivity:connection.notfound", "gone")), out var typeId, out var json);
        var failure = Assert.IsType<Status.Failure>(registry.Deserialize(typeId, JsonNode.Parse(json.ToJsonString())!));

        var cause = Assert.IsType<CodedException>(failure.Cause);
        Assert.Equal("connectivity:connection.notfound", cause.ErrorCode);
        Assert.Equal("gone", cause.Message);
    }

    [Fact]
    public void Registry_should_keep_type_name_and_message_of_failure_when_no_translator_matches()
    {
        var registry = TestSerializers.Create();

        registry.TrySerialize(new Status.Failure(new InvalidOperationException("nope")), out var typeId, out var json);
        var failure = Assert.IsType<Status.Failure>(registry.Deserialize(typeId, json));

        var cause = Assert.IsType<RemoteFailureException>(failure.Cause);
        Assert.Equal("System.InvalidOperationException", cause.RemoteType);
        Assert.Equal("nope", cause.Message);
    }

    [Fact]
    public void Registry_should_round_trip_success_with_its_value()
    {
        var registry = TestSerializers.Create();

        registry.TrySerialize(new Status.Success(new Pong("done")), out var typeId, out var json);

        Assert.Equal(new Status.Success(new Pong("done")), registry.Deserialize(typeId, json));
    }
}
