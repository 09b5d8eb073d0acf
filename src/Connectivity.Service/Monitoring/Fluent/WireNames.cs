using Connectivity.Model.Monitoring;
using ModelLogLevel = Connectivity.Model.Monitoring.LogLevel;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>The wire names of log levels, categories and types (as in the connection log JSON, spec §5.2).</summary>
internal static class WireNames
{
    public static string Of(ModelLogLevel level) => level == ModelLogLevel.Success ? "success" : "failure";

    public static string Of(LogCategory category) => category switch
    {
        LogCategory.Source => "source",
        LogCategory.Target => "target",
        LogCategory.Response => "response",
        _ => "connection",
    };

    public static string Of(LogType type) => type switch
    {
        LogType.Consumed => "consumed",
        LogType.Dispatched => "dispatched",
        LogType.Filtered => "filtered",
        LogType.Mapped => "mapped",
        LogType.Dropped => "dropped",
        LogType.Enforced => "enforced",
        LogType.Published => "published",
        LogType.Acknowledged => "acknowledged",
        LogType.Throttled => "throttled",
        _ => "other",
    };
}
