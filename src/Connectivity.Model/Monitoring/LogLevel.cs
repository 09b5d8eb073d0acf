namespace Connectivity.Model.Monitoring;

/// <summary>Outcome of a logged step (spec §5.2); each level has its own capacity per log queue.</summary>
public enum LogLevel
{
    Success,
    Failure,
}
