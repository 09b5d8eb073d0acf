using System.Globalization;
using System.Text.Json.Nodes;
using Connectivity.Model.Errors;
using Connectivity.Model.Events;
using Connectivity.Model.Tests.Commands;
using Xunit;

namespace Connectivity.Model.Tests.Events;

public class ConnectivityEventJsonTests
{
    private static readonly Dictionary<string, IConnectivityEvent> Samples = new IConnectivityEvent[]
    {
        new ConnectionCreated(SampleSignals.Connection(), 1, SampleSignals.Instant),
        new ConnectionModified(SampleSignals.Connection(), 2, SampleSignals.Instant),
        new ConnectionOpened(SampleSignals.ConnectionId, 3, SampleSignals.Instant),
        new ConnectionClosed(SampleSignals.ConnectionId, 4, SampleSignals.Instant),
        new ConnectionDeleted(SampleSignals.ConnectionId, 5, SampleSignals.Instant),
    }.ToDictionary(connectivityEvent => connectivityEvent.Type);

    public static TheoryData<string> EventTypes => new(Samples.Keys);

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void FromJson_should_round_trip_when_given_an_events_own_json(string type)
    {
        var connectivityEvent = Samples[type];

        var parsed = ConnectivityEventJson.FromJson(ConnectivityEventJson.ToJson(connectivityEvent));

        Assert.Equal(connectivityEvent, parsed);
        Assert.Equal(SampleSignals.ConnectionId, parsed.ConnectionId);
    }

    [Theory]
    [InlineData("connectivity.events:connectionCreated", "connection")]
    [InlineData("connectivity.events:connectionModified", "connection")]
    [InlineData("connectivity.events:connectionOpened", "connectionId")]
    [InlineData("connectivity.events:connectionClosed", "connectionId")]
    [InlineData("connectivity.events:connectionDeleted", "connectionId")]
    public void ToJson_should_write_type_timestamp_revision_then_payload_when_serializing(string type, string payloadField)
    {
        var json = ConnectivityEventJson.ToJson(Samples[type]);

        Assert.Equal(["type", "_timestamp", "_revision", payloadField], json.Select(field => field.Key));
        Assert.Equal(type, json["type"]!.GetValue<string>());
        Assert.Equal("2026-03-03T16:05:55.123Z", json["_timestamp"]!.GetValue<string>());
    }

    [Fact]
    public void ToJson_should_write_the_exact_form_when_serializing_connection_opened()
    {
        var json = ConnectivityEventJson.ToJson(new ConnectionOpened("c", 7, new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(2))));

        Assert.Equal("""{"type":"connectivity.events:connectionOpened","_timestamp":"2026-01-02T01:04:05Z","_revision":7,"connectionId":"c"}""", json.ToJsonString());
    }

    [Theory]
    [InlineData(1234567, "2026-01-02T03:04:05.1234567Z", ".123456700Z")]
    [InlineData(1234560, "2026-01-02T03:04:05.123456Z", ".123456Z")]
    [InlineData(1230000, "2026-01-02T03:04:05.123Z", ".123Z")]
    public void ToJson_should_format_the_fraction_like_java_instants_when_the_timestamp_has_sub_second_digits(long fractionTicks, string parsedForm, string suffix)
    {
        var instant = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.Zero).AddTicks(fractionTicks);
        var json = ConnectivityEventJson.ToJson(new ConnectionClosed("c", 1, instant));

        Assert.EndsWith(suffix, json["_timestamp"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal(DateTimeOffset.Parse(parsedForm, CultureInfo.InvariantCulture), ConnectivityEventJson.FromJson(json).Timestamp);
    }

    [Fact]
    public void FromJson_should_fail_with_json_invalid_when_the_type_is_unknown()
    {
        var json = new JsonObject { ["type"] = "connectivity.events:connectionExploded", ["_timestamp"] = "2026-01-01T00:00:00Z", ["_revision"] = 1 };

        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityEventJson.FromJson(json));

        Assert.Equal("json.invalid", error.ErrorCode);
    }

    [Theory]
    [InlineData("type")]
    [InlineData("_revision")]
    [InlineData("_timestamp")]
    [InlineData("connectionId")]
    public void FromJson_should_fail_with_field_missing_when_a_field_is_absent(string field)
    {
        var json = ConnectivityEventJson.ToJson(new ConnectionDeleted("c", 1, SampleSignals.Instant));
        json.Remove(field);

        var error = Assert.Throws<DittoRuntimeException>(() => ConnectivityEventJson.FromJson(json));

        Assert.Equal("json.field.missing", error.ErrorCode);
    }
}
