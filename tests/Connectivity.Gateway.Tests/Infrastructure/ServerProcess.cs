using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Connectivity.Gateway.Tests.Infrastructure;

/// <summary>
/// The built <c>Connectivity.Server.dll</c> as a real child process (<c>dotnet Connectivity.Server.dll --urls ...</c>) on a
/// free loopback port with its own data directory. It can be killed hard (SIGKILL), stopped gracefully (SIGTERM) and
/// restarted on the same data directory and port; its stdout/stderr are kept for diagnostics.
/// </summary>
public sealed class ServerProcess : IAsyncDisposable
{
    public const string DevOpsUser = "devops";
    public const string DevOpsPassword = "foobar";

    private static readonly TimeSpan StartupDeadline = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan StopDeadline = TimeSpan.FromSeconds(30);
    private const int MaxOutputLines = 5000;

    private readonly Queue<string> output = new();
    private readonly bool ownsDataDir;
    private readonly IReadOnlyDictionary<string, string> extraEnvironment;
    private readonly IReadOnlyList<string> extraArguments;
    private Process? process;
    private int generation;

    private ServerProcess(
        string dataDir, bool ownsDataDir, int port, string instanceId,
        IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? arguments = null)
    {
        extraEnvironment = environment ?? new Dictionary<string, string>();
        extraArguments = arguments ?? [];
        DataDir = dataDir;
        this.ownsDataDir = ownsDataDir;
        Port = port;
        InstanceId = instanceId;
        BaseAddress = new Uri($"http://127.0.0.1:{port}");
        Client = CreateClient(authenticated: true);
        Anonymous = CreateClient(authenticated: false);
    }

    public string DataDir { get; }

    public int Port { get; }

    public string InstanceId { get; }

    public Uri BaseAddress { get; }

    /// <summary>A client sending the DevOps Basic credentials.</summary>
    public HttpClient Client { get; }

    /// <summary>A client without credentials.</summary>
    public HttpClient Anonymous { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>The operating system id of the running server process (for signals such as SIGSTOP), or null.</summary>
    public int? ProcessId => process is { HasExited: false } running ? running.Id : null;

    /// <summary>The last lines the server wrote to stdout/stderr (all runs), for failure messages.</summary>
    public string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    /// <summary>
    /// Starts a server on a free port with a fresh temporary data directory and waits for <c>/health</c>; extra
    /// environment variables and command-line arguments (e.g. <c>--cluster</c>) are passed on every launch.
    /// </summary>
    public static async Task<ServerProcess> StartAsync(
        string instanceId = "gateway-tests", IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? arguments = null)
    {
        var dataDir = Path.Combine(Path.GetTempPath(), "connectivity-gateway-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dataDir);
        var server = new ServerProcess(dataDir, ownsDataDir: true, FreeLoopbackPort(), instanceId, environment, arguments);
        try
        {
            await server.LaunchAsync();
            return server;
        }
        catch
        {
            await server.DisposeAsync();
            throw;
        }
    }

    /// <summary>SIGKILL of the whole process tree: no shutdown code runs.</summary>
    public void KillHard()
    {
        if (process is { HasExited: false } running)
        {
            running.Kill(entireProcessTree: true);
            running.WaitForExit();
        }
    }

    /// <summary>SIGTERM, then waits for the process to exit by itself; returns its exit code.</summary>
    public async Task<int> StopGracefullyAsync()
    {
        if (process is not { HasExited: false } running)
        {
            return process?.ExitCode ?? 0;
        }

        using (var kill = Process.Start(new ProcessStartInfo("kill", ["-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])
               {
                   UseShellExecute = false,
               })!)
        {
            await kill.WaitForExitAsync();
        }

        using var deadline = new CancellationTokenSource(StopDeadline);
        try
        {
            await running.WaitForExitAsync(deadline.Token);
        }
        catch (OperationCanceledException)
        {
            running.Kill(entireProcessTree: true);
            throw new TimeoutException($"The server did not stop within {StopDeadline} after SIGTERM.\n{Output}");
        }

        return running.ExitCode;
    }

    /// <summary>Starts the server again on the same data directory and port (stops it hard first if it still runs).</summary>
    public async Task RestartAsync()
    {
        KillHard();
        await LaunchAsync();
    }

    public async ValueTask DisposeAsync()
    {
        KillHard();
        process?.Dispose();
        Client.Dispose();
        Anonymous.Dispose();
        if (ownsDataDir)
        {
            await DeleteDirectoryAsync(DataDir);
        }
    }

    /// <summary>Path of the server assembly: next to the tests (copied by the project reference) or in its own bin folder.</summary>
    public static string LocateServerDll()
    {
        const string dll = "Connectivity.Server.dll";
        const string runtimeConfig = "Connectivity.Server.runtimeconfig.json";
        var candidates = new List<string> { AppContext.BaseDirectory };
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "README.md")))
        {
            directory = directory.Parent;
        }

        if (directory is not null)
        {
            foreach (var configuration in new[] { "Debug", "Release" })
            {
                candidates.Add(Path.Combine(directory.FullName, "src", "Connectivity.Server", "bin", configuration, "net10.0"));
            }
        }

        return candidates
            .Where(c => File.Exists(Path.Combine(c, dll)) && File.Exists(Path.Combine(c, runtimeConfig)))
            .Select(c => Path.Combine(c, dll))
            .FirstOrDefault()
            ?? throw new FileNotFoundException($"{dll} with {runtimeConfig} not found in: {string.Join(", ", candidates)}");
    }

    private async Task LaunchAsync()
    {
        var run = Interlocked.Increment(ref generation);
        var info = new ProcessStartInfo("dotnet")
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = DataDir,
        };
        info.ArgumentList.Add(LocateServerDll());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add(BaseAddress.ToString().TrimEnd('/'));
        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("DEVOPS_PASSWORD");
        info.Environment["CONNECTIVITY_DATA_DIR"] = DataDir;
        info.Environment["CONNECTIVITY_INSTANCE_ID"] = InstanceId;
        info.Environment["DOTNET_NOLOGO"] = "1";
        foreach (var argument in extraArguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in extraEnvironment)
        {
            info.Environment[name] = value;
        }

        var started = new Process { StartInfo = info, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => Append(run, "out", e.Data);
        started.ErrorDataReceived += (_, e) => Append(run, "err", e.Data);
        if (!started.Start())
        {
            throw new InvalidOperationException("dotnet did not start.");
        }

        process?.Dispose();
        process = started;
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        await WaitForHealthAsync(started);
    }

    private async Task WaitForHealthAsync(Process started)
    {
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < StartupDeadline)
        {
            if (started.HasExited)
            {
                await started.WaitForExitAsync(); // its last output lines (why it exited) are read by then
                throw new InvalidOperationException($"The server exited with code {started.ExitCode} while starting.\n{Output}");
            }

            try
            {
                using var response = await Anonymous.GetAsync(new Uri("/health", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // not listening yet
            }
            catch (TaskCanceledException)
            {
                // not answering yet
            }

            await Task.Delay(100);
        }

        throw new TimeoutException($"The server did not answer /health within {StartupDeadline}.\n{Output}");
    }

    private void Append(int run, string stream, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue($"[run {run} {stream}] {line}");
            while (output.Count > MaxOutputLines)
            {
                output.Dequeue();
            }
        }
    }

    private HttpClient CreateClient(bool authenticated)
    {
        var client = new HttpClient(new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromSeconds(30) })
        {
            BaseAddress = BaseAddress,
            Timeout = TimeSpan.FromSeconds(60),
        };
        if (authenticated)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
                "Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"{DevOpsUser}:{DevOpsPassword}")));
        }

        return client;
    }

    /// <summary>A loopback port nobody listens on right now.</summary>
    public static int FreeLoopbackPort() => Connectivity.TestKit.Net.LoopbackPorts.Free();

    private static async Task DeleteDirectoryAsync(string path)
    {
        for (var attempt = 0; attempt < 5 && Directory.Exists(path); attempt++)
        {
            try
            {
                Directory.Delete(path, recursive: true);
            }
            catch (IOException)
            {
                await Task.Delay(200);
            }
            catch (UnauthorizedAccessException)
            {
                await Task.Delay(200);
            }
        }
    }
}
