using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using Connectivity.TestKit.Net;
using Connectivity.TestKit.Processes;

namespace Connectivity.Bench;

/// <summary>
/// One <c>Connectivity.Server</c> process on a free loopback port with its own data directory under /tmp (deleted
/// on dispose), logging at Warning; <see cref="Http"/> sends the DevOps credentials. The caller adds what makes it a
/// cluster node (<c>--cluster</c> and the cluster's environment) or leaves it a single node on SQLite.
/// </summary>
internal sealed class ServerNode : IAsyncDisposable
{
    public const string Auth = "devops:foobar";
    private const int KeptOutputLines = 200;

    private readonly Process process;
    private readonly string dataDir;
    private readonly Queue<string> output = new();

    private ServerNode(string id, Process process, int port, string dataDir)
    {
        Id = id;
        this.process = process;
        this.dataDir = dataDir;
        Http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}"), Timeout = TimeSpan.FromSeconds(60) };
        Http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(Auth)));
    }

    public string Id { get; }

    public HttpClient Http { get; }

    /// <summary>CPU time the server process used so far (user and system).</summary>
    public TimeSpan ProcessorTime
    {
        get
        {
            process.Refresh();
            return process.TotalProcessorTime;
        }
    }

    /// <summary>The last lines the server wrote to stdout and stderr.</summary>
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

    /// <summary>Starts the server and waits until <c>/health</c> answers (60 s at most).</summary>
    public static async Task<ServerNode> StartAsync(string id, IReadOnlyList<string> arguments, IReadOnlyDictionary<string, string> environment)
    {
        var port = LoopbackPorts.Free();
        var dataDir = Path.Combine(Path.GetTempPath(), $"connectivity-bench-{id}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        var info = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = dataDir };
        info.ArgumentList.Add(Repository.ServerDll());
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        info.ArgumentList.Add("--Logging:LogLevel:Default");
        info.ArgumentList.Add("Warning");
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        info.Environment.Remove("ASPNETCORE_URLS");
        info.Environment.Remove("DEVOPS_PASSWORD");
        info.Environment["CONNECTIVITY_INSTANCE_ID"] = id;
        info.Environment["CONNECTIVITY_DATA_DIR"] = dataDir;
        foreach (var (name, value) in environment)
        {
            info.Environment[name] = value;
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("dotnet did not start");
        var node = new ServerNode(id, process, port, dataDir);
        process.OutputDataReceived += (_, line) => node.Keep(line.Data);
        process.ErrorDataReceived += (_, line) => node.Keep(line.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process.HasExited)
            {
                await process.WaitForExitAsync(); // its last output lines (why it exited) are read by then
                throw new InvalidOperationException($"{id} exited with {process.ExitCode} while starting:\n{node.Output}");
            }

            try
            {
                using var health = await node.Http.GetAsync(new Uri("/health", UriKind.Relative));
                if (health.IsSuccessStatusCode)
                {
                    return node;
                }
            }
            catch (HttpRequestException)
            {
                // not yet listening
            }

            if (stopwatch.Elapsed > TimeSpan.FromSeconds(60))
            {
                throw new TimeoutException($"{id} did not answer /health within 60 s:\n{node.Output}");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>SIGKILL of the process tree: no shutdown code runs.</summary>
    public void KillHard()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }
    }

    /// <summary>SIGTERM and 40 s to exit, then SIGKILL; deletes the data directory.</summary>
    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            await ProcessRunner.RunAsync("kill", ["-TERM", process.Id.ToString(CultureInfo.InvariantCulture)], Directory.GetCurrentDirectory());
            using var deadline = new CancellationTokenSource(TimeSpan.FromSeconds(40));
            try
            {
                await process.WaitForExitAsync(deadline.Token);
            }
            catch (OperationCanceledException)
            {
                Console.WriteLine($"{Id} did not exit within 40 s after SIGTERM; killing it");
                KillHard();
            }
        }

        process.Dispose();
        Http.Dispose();
        try
        {
            Directory.Delete(dataDir, recursive: true);
        }
        catch (IOException)
        {
            // a file still held open: /tmp gets cleaned anyway
        }
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.Enqueue(line);
            while (output.Count > KeptOutputLines)
            {
                output.Dequeue();
            }
        }
    }
}
