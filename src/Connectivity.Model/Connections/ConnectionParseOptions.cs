namespace Connectivity.Model.Connections;

/// <summary>
/// How <see cref="ConnectionJson.FromJson"/> treats fields that differ per entry point (spec §1.1, §2.3, §2.5):
/// piggyback and internal paths require <c>id</c> and <c>connectionStatus</c>; HTTP POST supplies the id and
/// defaults the status to <c>unknown</c>.
/// </summary>
public sealed record ConnectionParseOptions
{
    /// <summary>Piggyback/internal parsing: id and status required.</summary>
    public static ConnectionParseOptions Default { get; } = new();

    /// <summary>Whether a missing <c>id</c> is <c>json.field.missing</c>.</summary>
    public bool RequireId { get; init; } = true;

    /// <summary>The id to use instead of the JSON <c>id</c> (HTTP POST generates one, PUT takes the path id; the HTTP layer rejects a conflicting body id first).</summary>
    public string? IdOverride { get; init; }

    /// <summary>The status when <c>connectionStatus</c> is missing; null makes it required.</summary>
    public ConnectivityStatus? DefaultStatus { get; init; }

    /// <summary>Options for HTTP POST: the generated <paramref name="id"/> is used and a missing status becomes <c>unknown</c>.</summary>
    public static ConnectionParseOptions ForHttpPost(string id) =>
        new() { RequireId = false, IdOverride = id, DefaultStatus = ConnectivityStatus.Unknown };

    /// <summary>Options for HTTP PUT: the path <paramref name="id"/> is used; status stays required.</summary>
    public static ConnectionParseOptions ForHttpPut(string id) => new() { RequireId = false, IdOverride = id };
}
