namespace Connectivity.Model.Monitoring;

/// <summary>Wire values of a client's recovery status (spec §3.5, §4.5).</summary>
public static class RecoveryStatus
{
    public const string Ongoing = "ongoing";
    public const string Succeeded = "succeeded";
    public const string BackOffLimitReached = "backOffLimitReached";
    public const string Unknown = "unknown";
}
