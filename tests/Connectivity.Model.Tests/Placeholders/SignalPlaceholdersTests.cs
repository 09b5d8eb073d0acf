using System.Text.Json.Nodes;
using Connectivity.Model.Headers;
using Connectivity.Model.Placeholders;
using Connectivity.Model.Protocol;
using Xunit;

namespace Connectivity.Model.Tests.Placeholders;

public class SignalPlaceholdersTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 3, 16, 5, 55, 123, TimeSpan.Zero);

    private static readonly TimeProvider Clock = new FixedTime(Now);

    private static DittoProtocolMessage Message(string topic, string path = "/", JsonNode? value = null, JsonObject? extra = null, params (string Key, string Value)[] headers) => new()
    {
        Topic = DittoTopic.Parse(topic),
        Path = path,
        Value = value,
        Extra = extra,
        Headers = DittoHeaders.Of(headers.Select(h => KeyValuePair.Create(h.Key, h.Value))),
    };

    private static readonly DittoProtocolMessage FeatureEvent = Message(
        "org.acme/d1/things/twin/events/modified",
        "/features/temp/properties/value",
        JsonValue.Create(21.5),
        new JsonObject { ["attributes"] = new JsonObject { ["location"] = "kitchen", ["tags"] = new JsonArray("a", "b") } },
        ("correlation-id", "c-1"),
        ("Content-Type", "application/json"),
        ("ditto-originator", "pre:alice"));

    private static string? Resolve(string template, SignalPlaceholders placeholders) => PlaceholderResolver.Resolve(template, placeholders).Text;

    private static SignalPlaceholders ForSignal(DittoProtocolMessage message) => SignalPlaceholders.ForSignal(message, "conn-1", Clock);

    [Theory]
    [InlineData("{{ thing:id }}", "org.acme:d1")]
    [InlineData("{{ thing:namespace }}", "org.acme")]
    [InlineData("{{ thing:name }}", "d1")]
    [InlineData("{{ entity:id }}", "org.acme:d1")]
    [InlineData("{{ entity:namespace }}", "org.acme")]
    [InlineData("{{ entity:name }}", "d1")]
    [InlineData("{{ feature:id }}", "temp")]
    [InlineData("{{ connection:id }}", "conn-1")]
    [InlineData("{{ header:correlation-id }}", "c-1")]
    [InlineData("{{ header:CORRELATION-ID }}", "c-1")]
    [InlineData("{{ header:content-type }}", "application/json")]
    [InlineData("{{ request:subjectId }}", "pre:alice")]
    [InlineData("{{ topic:full }}", "org.acme/d1/things/twin/events/modified")]
    [InlineData("{{ topic:namespace }}", "org.acme")]
    [InlineData("{{ topic:entityName }}", "d1")]
    [InlineData("{{ topic:group }}", "things")]
    [InlineData("{{ topic:channel }}", "twin")]
    [InlineData("{{ topic:criterion }}", "events")]
    [InlineData("{{ topic:action }}", "modified")]
    [InlineData("{{ topic:action-subject }}", "modified")]
    [InlineData("{{ resource:type }}", "thing")]
    [InlineData("{{ resource:path }}", "/features/temp/properties/value")]
    [InlineData("{{ thing-json:attributes/location }}", "kitchen")]
    [InlineData("{{ thing-json:/attributes/location }}", "kitchen")]
    [InlineData("{{ thing-json:features/temp/properties/value }}", "21.5")]
    [InlineData("{{ thing-json:thingId }}", "org.acme:d1")]
    [InlineData("{{ thing-json:attributes }}", """{"location":"kitchen","tags":["a","b"]}""")]
    [InlineData("{{ thing-json:attributes/tags | fn:join(',') }}", "a,b")]
    public void Resolve_should_read_placeholders_of_a_twin_event(string template, string expected) =>
        Assert.Equal(expected, Resolve(template, ForSignal(FeatureEvent)));

    [Theory]
    [InlineData("{{ policy:id }}")]
    [InlineData("{{ topic:subject }}")]
    [InlineData("{{ source:address }}")]
    [InlineData("{{ header:missing }}")]
    [InlineData("{{ thing-json:attributes/missing }}")]
    public void Resolve_should_be_unresolved_when_the_signal_has_no_such_value(string template) =>
        Assert.True(PlaceholderResolver.Resolve(template, ForSignal(FeatureEvent)).IsUnresolved);

    [Fact]
    public void Resolve_should_read_the_subject_of_a_live_message()
    {
        var message = ForSignal(Message("org.acme/d1/things/live/messages/sensors/temp", "/inbox/messages/sensors/temp", new JsonObject { ["temp"] = 21.5 }));

        Assert.Equal("sensors/temp", Resolve("{{ topic:subject }}", message));
        Assert.Equal("sensors/temp", Resolve("{{ topic:action-subject }}", message));
        Assert.Equal("message", Resolve("{{ resource:type }}", message));
        Assert.Equal("live", Resolve("{{ topic:channel }}", message));
        Assert.Equal("out/d1", Resolve("out/{{ thing:name }}", message));
        Assert.True(PlaceholderResolver.Resolve("{{ topic:action }}", message).IsUnresolved);
        Assert.True(PlaceholderResolver.Resolve("{{ thing-json:temp }}", message).IsUnresolved);
        Assert.True(PlaceholderResolver.Resolve("{{ feature:id }}", message).IsUnresolved);
    }

    [Fact]
    public void Resolve_should_read_the_feature_of_a_message_to_a_feature()
    {
        var message = ForSignal(Message("org.acme/d1/things/live/messages/reset", "/features/lamp/inbox/messages/reset"));

        Assert.Equal("lamp", Resolve("{{ feature:id }}", message));
    }

    [Fact]
    public void Resolve_should_read_policy_placeholders_of_a_policy_announcement()
    {
        var message = ForSignal(Message("org.acme/p1/policies/announcements/subjectDeletion"));

        Assert.Equal("org.acme:p1", Resolve("{{ policy:id }}", message));
        Assert.Equal("org.acme", Resolve("{{ policy:namespace }}", message));
        Assert.Equal("p1", Resolve("{{ policy:name }}", message));
        Assert.Equal("org.acme:p1", Resolve("{{ entity:id }}", message));
        Assert.Equal("policy", Resolve("{{ resource:type }}", message));
        Assert.Equal("none", Resolve("{{ topic:channel }}", message));
        Assert.True(PlaceholderResolver.Resolve("{{ thing:id }}", message).IsUnresolved);
        Assert.True(PlaceholderResolver.Resolve("{{ thing-json:thingId }}", message).IsUnresolved);
    }

    [Fact]
    public void Resolve_should_read_a_connection_announcement()
    {
        var message = ForSignal(Message("_/conn-1/connections/announcements/opened"));

        Assert.Equal("connection", Resolve("{{ resource:type }}", message));
        Assert.Equal("opened", Resolve("{{ topic:action }}", message));
        Assert.Equal("conn-1", Resolve("{{ topic:entityName }}", message));
        Assert.True(PlaceholderResolver.Resolve("{{ entity:id }}", message).IsUnresolved);
    }

    [Fact]
    public void Resolve_should_build_thing_json_from_a_whole_thing_value()
    {
        var value = new JsonObject { ["thingId"] = "org.acme:d1", ["policyId"] = "org.acme:p", ["attributes"] = new JsonObject { ["x"] = 5 } };
        var message = ForSignal(Message("org.acme/d1/things/twin/events/created", "/", value, new JsonObject { ["attributes"] = new JsonObject { ["y"] = 1 } }));

        Assert.Equal("org.acme:p", Resolve("{{ thing-json:policyId }}", message));
        Assert.Equal("5", Resolve("{{ thing-json:attributes/x }}", message));
        Assert.True(PlaceholderResolver.Resolve("{{ thing-json:attributes/y }}", message).IsUnresolved);
    }

    [Fact]
    public void Resolve_should_read_external_headers_case_insensitively_before_mapping()
    {
        var headers = new Dictionary<string, string>(StringComparer.Ordinal) { ["Device_ID"] = "org.acme:d1", ["mqtt.topic"] = "devices/d1/telemetry" };
        var placeholders = SignalPlaceholders.ForExternalMessage(headers, "conn-1", "devices/+/telemetry", Clock);

        Assert.Equal("org.acme:d1", Resolve("{{ header:device_id }}", placeholders));
        Assert.Equal("d1", Resolve("{{ header:mqtt.topic | fn:substring-after('devices/') | fn:substring-before('/') }}", placeholders));
        Assert.Equal("devices/+/telemetry", Resolve("{{ source:address }}", placeholders));
        Assert.Equal("conn-1", Resolve("{{ connection:id }}", placeholders));
        Assert.True(PlaceholderResolver.Resolve("{{ thing:id }}", placeholders).IsUnresolved);
        Assert.True(PlaceholderResolver.Resolve("{{ topic:full }}", placeholders).IsUnresolved);
        Assert.True(PlaceholderResolver.Resolve("{{ request:subjectId }}", placeholders).IsUnresolved);
    }

    [Fact]
    public void Resolve_should_prefer_explicit_headers_over_the_message_headers()
    {
        var headers = new Dictionary<string, string> { ["x"] = "external" };
        var placeholders = new SignalPlaceholders(Message("org.acme/d1/things/twin/commands/modify", headers: ("x", "ditto")), headers, "c", null, Clock, "pre:bob");

        Assert.Equal("external", Resolve("{{ header:x }}", placeholders));
        Assert.Equal("pre:bob", Resolve("{{ request:subjectId }}", placeholders));
        Assert.Equal("org.acme:d1", Resolve("{{ thing:id }}", placeholders));
    }

    [Theory]
    [InlineData("{{ time:now }}", "2026-03-03T16:05:55.123Z")]
    [InlineData("{{ time:now_epoch_millis }}", "1772553955123")]
    [InlineData("{{ time:now+1h }}", "2026-03-03T17:05:55.123Z")]
    [InlineData("{{ time:now-30m }}", "2026-03-03T15:35:55.123Z")]
    [InlineData("{{ time:now-10 }}", "2026-03-03T16:05:45.123Z")]
    [InlineData("{{ time:now+500ms }}", "2026-03-03T16:05:55.623Z")]
    [InlineData("{{ time:now-1d }}", "2026-03-02T16:05:55.123Z")]
    [InlineData("{{ time:now[s] }}", "2026-03-03T16:05:55Z")]
    [InlineData("{{ time:now[m] }}", "2026-03-03T16:05:00Z")]
    [InlineData("{{ time:now[h] }}", "2026-03-03T16:00:00Z")]
    [InlineData("{{ time:now-1d[d] }}", "2026-03-02T00:00:00Z")]
    [InlineData("{{ time:now+1h[h] }}", "2026-03-03T17:00:00Z")]
    [InlineData("{{ time:now_epoch_millis-1s }}", "1772553954123")]
    [InlineData("{{ time:now_epoch_millis[s] }}", "1772553955000")]
    [InlineData("{{ time:now_epoch_millis+1m[m] }}", "1772553960000")]
    public void Resolve_should_read_the_clock_with_offsets_and_truncation(string template, string expected) =>
        Assert.Equal(expected, Resolve(template, ForSignal(FeatureEvent)));

    [Theory]
    [InlineData("{{ time:later }}")]
    [InlineData("{{ time:now+1y }}")]
    [InlineData("{{ time:now*1h }}")]
    [InlineData("{{ time:now[w] }}")]
    [InlineData("{{ time:now+h }}")]
    public void Resolve_should_be_unresolved_when_the_time_placeholder_is_unknown(string template)
    {
        Assert.True(PlaceholderResolver.Resolve(template, ForSignal(FeatureEvent)).IsUnresolved);
        Assert.NotNull(PlaceholderResolver.Validate(template));
    }

    [Fact]
    public void TryResolve_should_distinguish_unknown_placeholders_from_values_missing_here()
    {
        IPlaceholderSource placeholders = SignalPlaceholders.ForExternalMessage(new Dictionary<string, string>(), "c", null, Clock);

        Assert.False(placeholders.TryResolve("bogus", "x", out _));
        Assert.False(placeholders.TryResolve("thing", "bogus", out _));
        Assert.True(placeholders.TryResolve("thing", "id", out var thingId));
        Assert.Null(thingId);
        Assert.True(placeholders.TryResolve("connection", "id", out var connectionId));
        Assert.Equal("c", connectionId);
    }

    [Fact]
    public void EvaluateCondition_should_filter_on_signal_headers()
    {
        var placeholders = SignalPlaceholders.ForExternalMessage(new Dictionary<string, string> { ["Hono_Registration_Status"] = "NEW" }, "c", null, Clock);

        Assert.True(PlaceholderResolver.EvaluateCondition("fn:filter(header:hono_registration_status, 'eq', 'NEW')", placeholders));
        Assert.True(PlaceholderResolver.EvaluateCondition("fn:filter(header:gateway_id, 'exists', 'false')", placeholders));
        Assert.False(PlaceholderResolver.EvaluateCondition("fn:filter(header:gateway_id, 'exists')", placeholders));
    }

    private sealed class FixedTime(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
    }
}
