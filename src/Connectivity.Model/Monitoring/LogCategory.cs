namespace Connectivity.Model.Monitoring;

/// <summary>What a connection log entry is about (spec §5.2).</summary>
public enum LogCategory
{
    Source,
    Target,
    Response,
    Connection,
}
