namespace Connectivity.Service.Clients;

/// <summary>
/// Where a client actor publishes the connection announcements (spec §4.6): opened after every successful (re)connect,
/// closed before a graceful disconnect.
/// </summary>
public interface IClientAnnouncements
{
    /// <summary>
    /// Whether announcements reach anybody. Only then does a closing client wait the disconnect-announcement timeout
    /// before it disconnects.
    /// </summary>
    bool IsEnabled { get; }

    void Opened(string connectionId, DateTimeOffset openedAt);

    void Closed(string connectionId, DateTimeOffset closedAt);
}
