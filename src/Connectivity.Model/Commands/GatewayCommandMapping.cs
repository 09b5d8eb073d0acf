using Connectivity.Model.Errors;
using Connectivity.Model.Headers;
using Connectivity.Model.Signals;

namespace Connectivity.Model.Commands;

/// <summary>
/// Maps the <c>text/plain</c> body of <c>POST /api/2/connections/{id}/command</c> to a command (spec §2.8).
/// Exactly five command types are accepted; surrounding whitespace is ignored.
/// </summary>
public static class GatewayCommandMapping
{
    /// <exception cref="DittoRuntimeException"><c>connectivity:command.invalid</c> (400) naming any other command.</exception>
    public static IConnectionCommand FromTextCommand(string body, string connectionId, DittoHeaders headers)
    {
        var command = body.Trim();
        return command switch
        {
            OpenConnection.TypeName => new OpenConnection(connectionId, headers),
            CloseConnection.TypeName => new CloseConnection(connectionId, headers),
            ResetConnectionMetrics.TypeName => new ResetConnectionMetrics(connectionId, headers),
            EnableConnectionLogs.TypeName => new EnableConnectionLogs(connectionId, headers),
            ResetConnectionLogs.TypeName => new ResetConnectionLogs(connectionId, headers),
            _ => throw ConnectivityErrors.CommandInvalid(command),
        };
    }
}
