using System.Reflection;

namespace Connectivity.Bench;

/// <summary>Where the repository and the server assembly built beside this benchmark are.</summary>
internal static class Repository
{
    /// <summary>The directory holding <c>Connectivity.Cluster.sln</c>, searched upwards from the working and the program directory.</summary>
    public static string Root()
    {
        foreach (var start in new[] { Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "Connectivity.Cluster.sln")))
                {
                    return directory.FullName;
                }
            }
        }

        throw new InvalidOperationException("Run from inside the repository (Connectivity.Cluster.sln not found).");
    }

    /// <summary>
    /// <c>Connectivity.Server.dll</c> in the configuration this benchmark was built in (the project reference builds it
    /// along: <c>dotnet run -c Release</c> runs the Release server, never a stale one of another configuration).
    /// </summary>
    public static string ServerDll()
    {
        var configuration = typeof(Repository).Assembly.GetCustomAttribute<AssemblyConfigurationAttribute>()?.Configuration ?? "Release";
        var dll = Path.Combine(Root(), "src", "Connectivity.Server", "bin", configuration, "net10.0", "Connectivity.Server.dll");
        return File.Exists(dll) ? dll : throw new FileNotFoundException($"{dll} not found: build bench/Connectivity.Bench, which builds the server too.");
    }
}
