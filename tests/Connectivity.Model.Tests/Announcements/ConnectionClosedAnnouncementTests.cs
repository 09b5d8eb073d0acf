using Connectivity.Model.Announcements;
using Connectivity.Model.Headers;
using Xunit;

namespace Connectivity.Model.Tests.Announcements;

public class ConnectionClosedAnnouncementTests
{
    private static readonly DateTimeOffset ClosedAt = new(2026, 3, 3, 16, 5, 55, TimeSpan.Zero);

    [Fact]
    public void ToDittoProtocolJson_should_match_section_4_6_when_headers_are_empty()
    {
        var announcement = new ConnectionClosedAnnouncement("my-conn", ClosedAt, DittoHeaders.Empty);

        Assert.Equal(
            """{"topic":"_/my-conn/connections/announcements/closed","headers":{"content-type":"application/json"},"path":"/","value":{"closedAt":"2026-03-03T16:05:55Z"}}""",
            announcement.ToDittoProtocolJson().ToJsonString());
    }

    [Fact]
    public void ToJson_should_write_the_signal_form_when_serializing()
    {
        var announcement = new ConnectionClosedAnnouncement("my-conn", ClosedAt, DittoHeaders.Empty);

        Assert.Equal(
            """{"type":"connectivity.announcements:closed","connectionId":"my-conn","closedAt":"2026-03-03T16:05:55Z"}""",
            announcement.ToJson().ToJsonString());
    }

    [Fact]
    public void FromJson_should_round_trip_when_given_its_own_signal_json()
    {
        var announcement = new ConnectionClosedAnnouncement("my-conn", ClosedAt, DittoHeaders.Empty);

        Assert.Equal(announcement, ConnectionClosedAnnouncement.FromJson(announcement.ToJson(), announcement.Headers));
    }
}
