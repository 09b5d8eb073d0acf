using Connectivity.Model.Connections;

namespace Connectivity.Service.Messaging;

/// <summary>One message for one target: <paramref name="Address"/> is the target's address with its placeholders resolved.</summary>
public sealed record PublishRequest(Target Target, string Address, OutboundExternalMessage Message);
