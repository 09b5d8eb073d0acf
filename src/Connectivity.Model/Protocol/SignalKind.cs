namespace Connectivity.Model.Protocol;

/// <summary>What a Ditto Protocol message is, as far as routing to targets and reply targets is concerned.</summary>
public enum SignalKind
{
    TwinCommand,
    TwinEvent,
    TwinResponse,
    LiveCommand,
    LiveEvent,
    LiveMessage,
    LiveResponse,
    ConnectionAnnouncement,
    PolicyAnnouncement,
    Error,
    Other,
}
