namespace Connectivity.Service.Clients;

/// <summary>Announcements that go nowhere: for connections without announcement targets and for tests.</summary>
public sealed class NoClientAnnouncements : IClientAnnouncements
{
    public static NoClientAnnouncements Instance { get; } = new();

    public bool IsEnabled => false;

    public void Opened(string connectionId, DateTimeOffset openedAt)
    {
    }

    public void Closed(string connectionId, DateTimeOffset closedAt)
    {
    }
}
