using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using Connectivity.TestKit.Net;

namespace Connectivity.TestKit.Fluent;

/// <summary>
/// The project's Fluentd stand-in, <c>ci/peers/forward_sink.py</c> (a Forward-protocol v1 server on Debian's
/// python3-msgpack), run by <c>/usr/bin/python3</c> on a free 127.0.0.1 port. It appends every event it receives as
/// one JSON line <c>{"tag":..,"time":..,"record":..}</c> to <see cref="EventsPath"/> (across restarts) and answers
/// <c>chunk</c> options with <c>{"ack": chunk}</c>. <see cref="StopAsync"/> / <see cref="StartAsync"/> restart it on
/// the same port. A missing python3 or python3-msgpack is an error, never a reason to skip.
/// </summary>
public sealed class ForwardSink : IAsyncDisposable
{
    /// <summary>Debian's python, which has python3-msgpack (a pyenv python on PATH does not).</summary>
    public const string PythonPath = "/usr/bin/python3";

    private static readonly HashSet<Process> Running = [];
    private readonly string directory;
    private readonly StringBuilder output = new();
    private Process? process;

    static ForwardSink() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllRunning();

    private ForwardSink()
    {
        RequireMsgpack();
        ScriptPath = FindScript();
        Port = LoopbackPorts.Free();
        directory = Directory.CreateTempSubdirectory("forward-sink-").FullName;
        EventsPath = Path.Combine(directory, "events.jsonl");
    }

    public string Host => "127.0.0.1";

    public int Port { get; }

    /// <summary>The JSON lines of the received events.</summary>
    public string EventsPath { get; }

    /// <summary>The script run (found by walking up from the test binaries to <c>ci/peers/forward_sink.py</c>).</summary>
    public string ScriptPath { get; }

    public bool IsRunning => process is { HasExited: false };

    /// <summary>A sink with its port chosen but not started yet (a receiver that is down until <see cref="StartAsync"/>).</summary>
    public static ForwardSink Create() => new();

    /// <summary>Starts a sink and waits until it listens.</summary>
    public static async Task<ForwardSink> StartNewAsync()
    {
        var sink = new ForwardSink();
        try
        {
            await sink.StartAsync();
            return sink;
        }
        catch
        {
            await sink.DisposeAsync();
            throw;
        }
    }

    /// <summary>Starts the sink (again, on the same port) and waits for its "listening on" line.</summary>
    public async Task StartAsync()
    {
        if (IsRunning)
        {
            return;
        }

        var start = new ProcessStartInfo(PythonPath)
        {
            UseShellExecute = false,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
        };
        foreach (var argument in new[] { "-u", ScriptPath, Port.ToString(System.Globalization.CultureInfo.InvariantCulture), EventsPath })
        {
            start.ArgumentList.Add(argument);
        }

        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var started = new Process { StartInfo = start, EnableRaisingEvents = true };
        started.OutputDataReceived += (_, e) => OnOutput(e.Data, listening);
        started.ErrorDataReceived += (_, e) => OnOutput(e.Data, null);
        started.Exited += (_, _) => listening.TrySetException(new InvalidOperationException($"forward_sink.py exited while starting:\n{Output()}"));
        started.Start();
        lock (Running)
        {
            Running.Add(started);
        }

        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        process = started;
        try
        {
            await listening.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException)
        {
            throw new InvalidOperationException($"forward_sink.py did not listen on {Host}:{Port} within 20 s:\n{Output()}");
        }
    }

    /// <summary>Kills the sink (its clients see their connections close) and waits until it exited.</summary>
    public async Task StopAsync()
    {
        if (process is not { } running)
        {
            return;
        }

        process = null;
        if (!running.HasExited)
        {
            running.Kill();
        }

        await running.WaitForExitAsync();
        lock (Running)
        {
            Running.Remove(running);
        }

        running.Dispose();
    }

    /// <summary>The events received so far (a line still being written is left out).</summary>
    public IReadOnlyList<JsonObject> ReadEvents()
    {
        if (!File.Exists(EventsPath))
        {
            return [];
        }

        using var stream = new FileStream(EventsPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var text = reader.ReadToEnd();
        var complete = text[..(text.LastIndexOf('\n') + 1)];
        return complete.Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Select(line => JsonNode.Parse(line)!.AsObject())
            .ToList();
    }

    /// <summary>Waits until the received events satisfy <paramref name="condition"/>; returns them.</summary>
    /// <exception cref="TimeoutException">After <paramref name="timeout"/> (default 30 s), with the events received.</exception>
    public async Task<IReadOnlyList<JsonObject>> WaitForEventsAsync(Func<IReadOnlyList<JsonObject>, bool> condition, TimeSpan? timeout = null)
    {
        var limit = timeout ?? TimeSpan.FromSeconds(30);
        var watch = Stopwatch.StartNew();
        while (true)
        {
            var events = ReadEvents();
            if (condition(events))
            {
                return events;
            }

            if (watch.Elapsed > limit)
            {
                throw new TimeoutException(
                    $"The forward sink did not receive the expected events within {limit}; it has {events.Count}:\n" +
                    string.Join('\n', events.Select(e => e.ToJsonString())) + $"\n{Output()}");
            }

            await Task.Delay(25);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Left in /tmp: harmless.
        }
    }

    private void OnOutput(string? line, TaskCompletionSource? listening)
    {
        if (line is null)
        {
            return;
        }

        lock (output)
        {
            output.AppendLine(line);
        }

        if (listening is not null && line.StartsWith("listening on", StringComparison.Ordinal))
        {
            listening.TrySetResult();
        }
    }

    private string Output()
    {
        lock (output)
        {
            return output.ToString();
        }
    }

    private static void RequireMsgpack()
    {
        if (!File.Exists(PythonPath))
        {
            throw new InvalidOperationException($"The Fluentd tests need {PythonPath} with python3-msgpack: apt-get install python3-msgpack.");
        }

        var check = new ProcessStartInfo(PythonPath, ["-c", "import msgpack"])
        {
            UseShellExecute = false,
            RedirectStandardError = true,
        };
        using var probe = Process.Start(check)!;
        var error = probe.StandardError.ReadToEnd();
        probe.WaitForExit();
        if (probe.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"The Fluentd tests need Debian's python3-msgpack for {PythonPath} (apt-get install python3-msgpack; scripts/test.sh does this):\n{error}");
        }
    }

    private static string FindScript()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "ci", "peers", "forward_sink.py");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException($"ci/peers/forward_sink.py not found above {AppContext.BaseDirectory}.");
    }

    private static void KillAllRunning()
    {
        lock (Running)
        {
            foreach (var running in Running)
            {
                try
                {
                    running.Kill();
                }
                catch (InvalidOperationException)
                {
                    // exited already
                }
            }
        }
    }
}
