namespace Connectivity.Server.Hosting;

/// <summary>Command-line switches beyond ASP.NET's <c>--key value</c> form.</summary>
public static class CommandLine
{
    /// <summary>Turns the bare switch <c>--cluster</c> into <c>--Connectivity:Cluster:Enabled=true</c>.</summary>
    public static string[] Normalize(string[] args) =>
        args.Select(arg => arg == "--cluster" ? $"--{Cluster.ClusterModeOptions.Section}:Enabled=true" : arg).ToArray();
}
