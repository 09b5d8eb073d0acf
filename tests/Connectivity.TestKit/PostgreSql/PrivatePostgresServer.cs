using Connectivity.TestKit.Net;
using Connectivity.TestKit.Processes;

namespace Connectivity.TestKit.PostgreSql;

/// <summary>
/// A throw-away PostgreSQL 15 started the way the project's peer scripts do: initdb as user postgres in a
/// fresh directory under /tmp, trust authentication, listening on 127.0.0.1 only on a free port, fsync off.
/// Shared by every fixture of the process and stopped when the last one lets go.
/// </summary>
internal sealed class PrivatePostgresServer
{
    private const string BinDirectory = "/usr/lib/postgresql/15/bin";
    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static PrivatePostgresServer? shared;
    private static int users;

    private readonly string directory;

    private PrivatePostgresServer(string directory, int port)
    {
        this.directory = directory;
        ConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres";
    }

    public string ConnectionString { get; }

    private string DataDirectory => Path.Combine(directory, "data");

    /// <summary>Starts the shared server unless it runs already; every call needs a <see cref="ReleaseAsync"/>.</summary>
    public static async Task<PrivatePostgresServer> AcquireAsync()
    {
        await Gate.WaitAsync();
        try
        {
            shared ??= await StartAsync();
            users++;
            return shared;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Stops the server (pg_ctl stop -m fast) once no fixture uses it.</summary>
    public static async Task ReleaseAsync()
    {
        await Gate.WaitAsync();
        try
        {
            if (--users > 0 || shared is null)
            {
                return;
            }

            var server = shared;
            shared = null;
            await server.StopAsync();
        }
        finally
        {
            Gate.Release();
        }
    }

    private static async Task<PrivatePostgresServer> StartAsync()
    {
        if (!OperatingSystem.IsLinux() || !File.Exists(Path.Combine(BinDirectory, "pg_ctl")) || Environment.UserName != "root")
        {
            throw new InvalidOperationException(
                $"The PostgreSQL tests need a server. Set {PostgresFixture.ConnectionStringVariable} " +
                "(e.g. 'Host=127.0.0.1;Port=25432;Username=postgres;Database=postgres'), or run them as root on Linux with " +
                $"PostgreSQL 15 in {BinDirectory} (apt-get install postgresql-15) so they can start a private one.");
        }

        var directory = Directory.CreateTempSubdirectory("connectivity-postgres-").FullName;
        await RunAsync("chown", ["postgres:postgres", directory], directory);
        var port = FreePort();
        var server = new PrivatePostgresServer(directory, port);
        await RunAsync(
            "runuser",
            ["-u", "postgres", "--", Path.Combine(BinDirectory, "initdb"), "-D", server.DataDirectory, "-A", "trust",
                "-U", "postgres", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"],
            directory);
        await RunAsync(
            "runuser",
            ["-u", "postgres", "--", Path.Combine(BinDirectory, "pg_ctl"), "-D", server.DataDirectory,
                "-l", Path.Combine(directory, "server.log"), "-w", "-t", "60",
                "-o", $"-p {port} -k {directory} -c listen_addresses=127.0.0.1 -c max_connections=200 " +
                    "-c fsync=off -c synchronous_commit=off -c full_page_writes=off",
                "start"],
            directory);
        return server;
    }

    private async Task StopAsync()
    {
        await RunAsync(
            "runuser",
            ["-u", "postgres", "--", Path.Combine(BinDirectory, "pg_ctl"), "-D", DataDirectory, "-w", "-m", "fast", "stop"],
            directory);
        Directory.Delete(directory, recursive: true);
    }

    private static int FreePort() => LoopbackPorts.Free();

    /// <summary>Runs a tool in <paramref name="directory"/>; a failure carries the server's log too.</summary>
    private static async Task RunAsync(string fileName, IEnumerable<string> arguments, string directory)
    {
        try
        {
            await ProcessRunner.RunAsync(fileName, arguments, directory);
        }
        catch (InvalidOperationException e)
        {
            var log = Path.Combine(directory, "server.log");
            var serverLog = File.Exists(log) ? await File.ReadAllTextAsync(log) : string.Empty;
            throw new InvalidOperationException($"{e.Message}\n{serverLog}", e);
        }
    }
}
