namespace Connectivity.Server.Hosting;

/// <summary>Settings of this server process (configuration section <c>Connectivity</c>).</summary>
public sealed class ServerOptions
{
    public const string Section = "Connectivity";

    /// <summary>Listen address when neither <c>ASPNETCORE_URLS</c> nor <c>--urls</c> is given.</summary>
    public const string DefaultUrls = "http://127.0.0.1:8080";

    /// <summary>Directory of the embedded store (<c>CONNECTIVITY_DATA_DIR</c>); default <c>./data</c>.</summary>
    public string DataDir { get; set; } = "data";

    /// <summary>Events between two snapshots of a connection.</summary>
    public int SnapshotEvery { get; set; } = 10;

    /// <summary>Most connection actors recovering from the journal at once.</summary>
    public int MaxConcurrentRecoveries { get; set; } = 50;

    /// <summary>Fixed number of shards of the connection region; never change it for an existing journal.</summary>
    public int NumberOfShards { get; set; } = 100;
}
