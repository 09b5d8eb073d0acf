using System.Globalization;
using System.Text.RegularExpressions;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Connections;

/// <summary>
/// A parsed connection URI <c>scheme://[user:password@]host:port[/path]</c> (spec §1.3). A port (&gt; 0) is
/// required and a query string is not allowed.
/// </summary>
public sealed partial record ConnectionUri(string Scheme, string? Username, string? Password, string Host, int Port, string Path)
{
    private const string MaskedPassword = "*****";

    /// <summary>Parses <paramref name="uri"/> or throws <c>connectivity:connection.uri.invalid</c>.</summary>
    public static ConnectionUri Parse(string uri)
    {
        var match = UriRegex().Match(uri);
        if (!match.Success
            || match.Groups["query"].Success
            || !int.TryParse(match.Groups["port"].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var port)
            || port is <= 0 or > 65535)
        {
            throw ConnectivityErrors.ConnectionUriInvalid(uri);
        }

        string? username = null;
        string? password = null;
        if (match.Groups["userinfo"].Success)
        {
            var userInfo = match.Groups["userinfo"].Value;
            var colon = userInfo.IndexOf(':', StringComparison.Ordinal);
            username = Uri.UnescapeDataString(colon < 0 ? userInfo : userInfo[..colon]);
            password = colon < 0 ? null : Uri.UnescapeDataString(userInfo[(colon + 1)..]);
        }

        return new ConnectionUri(
            match.Groups["scheme"].Value.ToLowerInvariant(),
            username,
            password,
            match.Groups["host"].Value,
            port,
            match.Groups["path"].Value);
    }

    /// <summary>Whether <paramref name="uri"/> parses.</summary>
    public static bool TryParse(string uri, out ConnectionUri? parsed)
    {
        try
        {
            parsed = Parse(uri);
            return true;
        }
        catch (DittoRuntimeException)
        {
            parsed = null;
            return false;
        }
    }

    /// <summary>The URI for logs: <c>scheme://user:*****@host:port/path</c>.</summary>
    public string Masked => Format(Password is null ? null : MaskedPassword);

    public override string ToString() => Format(Password is null ? null : Uri.EscapeDataString(Password));

    private string Format(string? password)
    {
        var userInfo = Username is null
            ? string.Empty
            : Uri.EscapeDataString(Username) + (password is null ? string.Empty : ":" + password) + "@";
        return $"{Scheme}://{userInfo}{Host}:{Port.ToString(CultureInfo.InvariantCulture)}{Path}";
    }

    [GeneratedRegex(@"^(?<scheme>[a-zA-Z][a-zA-Z0-9+.\-]*)://(?:(?<userinfo>[^/?#]*)@)?(?<host>\[[0-9a-fA-F:.]+\]|[^:/?#@\[\]\s]+):(?<port>[0-9]+)(?<path>/[^?#\s]*)?(?<query>\?[^#]*)?$", RegexOptions.CultureInvariant)]
    private static partial Regex UriRegex();
}
