using System.Diagnostics.CodeAnalysis;
using System.Text.RegularExpressions;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Connections;

/// <summary>Connection id rules (spec §1.2): <c>^[a-zA-Z0-9\-_:]{1,100}$</c>.</summary>
public static partial class ConnectionId
{
    public const string Pattern = @"^[a-zA-Z0-9\-_:]{1,100}$";

    /// <summary>Suffix of the temporary id of a dry-run (test) connection: <c>&lt;uuid&gt;-dry-run</c>.</summary>
    public const string DryRunSuffix = "-dry-run";

    public static bool IsValid([NotNullWhen(true)] string? id) => id is not null && IdRegex().IsMatch(id);

    /// <summary>Throws <c>connectivity:connection.id.invalid</c> unless <paramref name="id"/> matches <see cref="Pattern"/>.</summary>
    public static void Validate(string id)
    {
        if (!IsValid(id))
        {
            throw ConnectivityErrors.ConnectionIdInvalid(id);
        }
    }

    /// <summary>A fresh random id as HTTP POST assigns it.</summary>
    public static string NewId() => Guid.NewGuid().ToString();

    /// <summary>A temporary id for testing a connection without persisting it.</summary>
    public static string NewDryRunId() => Guid.NewGuid() + DryRunSuffix;

    [GeneratedRegex(Pattern, RegexOptions.CultureInvariant)]
    private static partial Regex IdRegex();
}
