namespace Connectivity.Service.Clients;

/// <summary>The states of a client actor's state machine (spec §4.5); reported as the <c>[STATE]</c> prefix of its status details.</summary>
public enum ClientState
{
    Unknown,
    Initialized,
    Connecting,
    Connected,
    Disconnecting,
    Disconnected,
    Testing,
}
