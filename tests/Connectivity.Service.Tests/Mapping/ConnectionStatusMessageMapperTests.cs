using System.Text.Json.Nodes;
using Connectivity.Model.Protocol;
using Connectivity.Service.Mapping;
using Connectivity.Service.Messaging;
using Xunit;
using static Connectivity.Service.Tests.Mapping.MappingTestData;

namespace Connectivity.Service.Tests.Mapping;

/// <summary>The <c>ConnectionStatus</c> engine (spec §7.1): Hono's ttd and creation-time as the thing's connection status feature.</summary>
public sealed class ConnectionStatusMessageMapperTests
{
    private const string CreationTime = "1700000000000";
    private const string CreatedAt = "2023-11-14T22:13:20Z";

    private static IMessageMapper StatusMapper(string thingId = "org.acme:{{ header:device_id }}", string? featureId = null)
    {
        var options = new JsonObject { ["thingId"] = thingId };
        if (featureId is not null)
        {
            options["featureId"] = featureId;
        }

        return Mapper(Engine("ConnectionStatus", options));
    }

    private static ExternalMessage Notification(string? ttd, string? creationTime = CreationTime)
    {
        var headers = new List<(string, string)> { ("device_id", "d1") };
        if (ttd is not null)
        {
            headers.Add(("ttd", ttd));
        }

        if (creationTime is not null)
        {
            headers.Add(("creation-time", creationTime));
        }

        return Bytes([], "application/vnd.eclipse-hono-empty-notification", [.. headers]);
    }

    [Fact]
    public void MapIncoming_should_modify_the_feature_ready_until_the_distant_future_when_ttd_is_minus_one()
    {
        var mapped = Assert.Single(StatusMapper().MapIncoming(Notification("-1")));

        Assert.Equal("org.acme/d1/things/twin/commands/modify", mapped.Topic.ToString());
        Assert.Equal(SignalKind.TwinCommand, mapped.Kind);
        Assert.Equal("/features/ConnectionStatus", mapped.Path);
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse("""
            {"definition":["org.eclipse.ditto:ConnectionStatus:1.0.0"],
             "properties":{"status":{"readySince":"2023-11-14T22:13:20Z","readyUntil":"9999-12-31T23:59:59Z"}}}
            """), mapped.Value), mapped.Value!.ToJsonString());
        Assert.Equal("false", mapped.Headers["response-required"]);
    }

    [Fact]
    public void MapIncoming_should_set_ready_until_ttd_seconds_after_creation_when_ttd_is_positive()
    {
        var mapped = Assert.Single(StatusMapper(featureId: "status-{{ header:device_id }}").MapIncoming(Notification("60", "1700000000123")));

        Assert.Equal("/features/status-d1", mapped.Path);
        Assert.Equal("2023-11-14T22:13:20.123Z", mapped.Value!["properties"]!["status"]!["readySince"]!.GetValue<string>());
        Assert.Equal("2023-11-14T22:14:20.123Z", mapped.Value!["properties"]!["status"]!["readyUntil"]!.GetValue<string>());
    }

    [Fact]
    public void MapIncoming_should_modify_only_ready_until_to_the_creation_time_when_ttd_is_zero()
    {
        var mapped = Assert.Single(StatusMapper("org.acme:fixed").MapIncoming(Notification("0")));

        Assert.Equal("org.acme/fixed/things/twin/commands/modify", mapped.Topic.ToString());
        Assert.Equal("/features/ConnectionStatus/properties/status/readyUntil", mapped.Path);
        Assert.Equal(CreatedAt, mapped.Value!.GetValue<string>());
    }

    [Theory]
    [InlineData(null, CreationTime)]
    [InlineData("60", null)]
    [InlineData("soon", CreationTime)]
    [InlineData("-2", CreationTime)]
    [InlineData("60", "-5")]
    public void MapIncoming_should_drop_the_message_when_the_hono_headers_are_missing_or_invalid(string? ttd, string? creationTime)
    {
        Assert.Empty(StatusMapper().MapIncoming(Notification(ttd, creationTime)));
    }

    [Fact]
    public void MapIncoming_should_drop_the_message_when_the_thing_id_does_not_resolve_to_a_thing_id()
    {
        Assert.Empty(StatusMapper("{{ header:missing }}").MapIncoming(Notification("-1")));
        Assert.Empty(StatusMapper("{{ header:device_id }}").MapIncoming(Notification("-1")));
    }

    [Fact]
    public void Mapper_should_map_nothing_outbound()
    {
        var mapper = StatusMapper();

        Assert.False(mapper.MapsOutgoing);
        Assert.Empty(mapper.MapOutgoing(LiveMessage()));
    }

    [Theory]
    [InlineData(null, "thingId")]
    [InlineData("no-namespace", "not a valid thing id")]
    [InlineData("org.acme:{{ header:x", "invalid")]
    public void Create_should_refuse_a_missing_or_invalid_thing_id(string? thingId, string expected)
    {
        var options = thingId is null ? new JsonObject() : new JsonObject { ["thingId"] = thingId };

        var error = Assert.Throws<MapperConfigurationException>(() => Mapper(Engine("ConnectionStatus", options)));

        Assert.Contains(expected, error.Message, StringComparison.Ordinal);
    }
}
