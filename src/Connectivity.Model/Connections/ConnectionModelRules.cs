using Connectivity.Model.Errors;

namespace Connectivity.Model.Connections;

/// <summary>The model-level rules of spec §1.11, checked while parsing (all 400).</summary>
internal static class ConnectionModelRules
{
    public static void Check(Connection connection)
    {
        if (connection.ClientCount <= 0)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The clientCount <{connection.ClientCount}> is invalid.", "The clientCount must be greater than 0.");
        }

        if (connection.ProcessorPoolSize <= 0)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The processorPoolSize <{connection.ProcessorPoolSize}> is invalid.", "The processorPoolSize must be greater than 0.");
        }

        if (connection.Sources.Count == 0 && connection.Targets.Count == 0)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                "The connection must have at least one source or one target.",
                "Add a source or a target to the connection.");
        }

        var sourcesWithoutAuth = connection.Sources.Where(s => s.AuthorizationContext.Count == 0).ToList();
        if (sourcesWithoutAuth.Count > 0)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The authorizationContext of the sources with addresses [{string.Join(", ", sourcesWithoutAuth.SelectMany(s => s.Addresses))}] must not be empty.",
                "Add at least one authorization subject to each source.");
        }

        var targetsWithoutAuth = connection.Targets.Where(t => t.AuthorizationContext.Count == 0).ToList();
        if (targetsWithoutAuth.Count > 0)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The authorizationContext of the targets with addresses [{string.Join(", ", targetsWithoutAuth.Select(t => t.Address))}] must not be empty.",
                "Add at least one authorization subject to each target.");
        }

        if (connection.ClientCount > 1
            && connection.Targets.SelectMany(t => t.Topics).Any(t => t.Topic == FilteredTopic.ConnectionAnnouncements))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"Connection announcements ({FilteredTopic.ConnectionAnnouncements}) are not supported with a clientCount greater than 1.",
                "Set the clientCount to 1 or remove the connection announcements topic.");
        }
    }
}
