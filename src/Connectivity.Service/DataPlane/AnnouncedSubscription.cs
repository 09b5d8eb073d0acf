namespace Connectivity.Service.DataPlane;

/// <summary>One client's subscription as another node learns of it: which connection and client, and its base topics.</summary>
public sealed record AnnouncedSubscription(string ConnectionId, int ClientIndex, IReadOnlyList<string> Topics);
