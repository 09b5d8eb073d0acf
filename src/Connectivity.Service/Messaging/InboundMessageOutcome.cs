namespace Connectivity.Service.Messaging;

/// <summary>How the data plane settled a consumed message, and so how the binding acknowledges it (spec §8, source acks).</summary>
public enum InboundMessageOutcome
{
    /// <summary>Processed: acknowledge it.</summary>
    Accepted,

    /// <summary>Failed and must not be redelivered: acknowledge it anyway.</summary>
    Rejected,

    /// <summary>Failed and should be redelivered: withhold the acknowledgement (or reconnect, where configured).</summary>
    Redeliver,
}
