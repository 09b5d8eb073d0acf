using System.Text.Json.Nodes;
using Connectivity.Model.Announcements;
using Connectivity.Model.Headers;
using Xunit;

namespace Connectivity.Model.Tests.Announcements;

public class ConnectionOpenedAnnouncementTests
{
    private static readonly DateTimeOffset OpenedAt = new(2026, 3, 3, 16, 5, 55, TimeSpan.Zero);

    [Fact]
    public void ToDittoProtocolJson_should_match_section_4_6_when_headers_are_empty()
    {
        var announcement = new ConnectionOpenedAnnouncement("my-conn", OpenedAt, DittoHeaders.Empty);

        Assert.Equal(
            """{"topic":"_/my-conn/connections/announcements/opened","headers":{"content-type":"application/json"},"path":"/","value":{"openedAt":"2026-03-03T16:05:55Z"}}""",
            announcement.ToDittoProtocolJson().ToJsonString());
    }

    [Fact]
    public void ToDittoProtocolJson_should_carry_the_signal_headers_when_headers_are_set()
    {
        var announcement = new ConnectionOpenedAnnouncement("c", OpenedAt, DittoHeaders.Empty.With("correlation-id", "x"));

        var headers = announcement.ToDittoProtocolJson()["headers"]!.AsObject();

        Assert.Equal(("x", "application/json"), (headers["correlation-id"]!.GetValue<string>(), headers["content-type"]!.GetValue<string>()));
    }

    [Fact]
    public void ToJson_should_write_the_signal_form_when_serializing()
    {
        var announcement = new ConnectionOpenedAnnouncement("my-conn", OpenedAt, DittoHeaders.Empty);

        Assert.Equal(
            """{"type":"connectivity.announcements:opened","connectionId":"my-conn","openedAt":"2026-03-03T16:05:55Z"}""",
            announcement.ToJson().ToJsonString());
    }

    [Fact]
    public void FromJson_should_round_trip_when_given_its_own_signal_json()
    {
        var announcement = new ConnectionOpenedAnnouncement("my-conn", OpenedAt.AddMilliseconds(7), DittoHeaders.Empty);

        Assert.Equal(announcement, ConnectionOpenedAnnouncement.FromJson(announcement.ToJson(), announcement.Headers));
    }

    [Fact]
    public void FromJson_should_read_the_spec_example_when_given_a_utc_instant()
    {
        var json = JsonNode.Parse("""{"type":"connectivity.announcements:opened","connectionId":"c","openedAt":"2026-03-03T16:05:55Z"}""")!.AsObject();

        Assert.Equal(OpenedAt, ConnectionOpenedAnnouncement.FromJson(json, DittoHeaders.Empty).OpenedAt);
    }
}
