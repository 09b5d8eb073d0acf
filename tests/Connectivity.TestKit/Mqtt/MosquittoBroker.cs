using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using Connectivity.TestKit.Net;

namespace Connectivity.TestKit.Mqtt;

/// <summary>
/// A real mosquitto 2.0 (<c>/usr/sbin/mosquitto</c>) on free 127.0.0.1 ports, started the way the project's peer
/// scripts do: a generated <c>mosquitto.conf</c> in a directory under /tmp (mode 755, files 644, because mosquitto
/// drops root to the user <c>mosquitto</c> before it reads them), <c>persistence false</c>, its log on stderr
/// into <see cref="LogPath"/>. Optionally a password file and a TLS listener with a CA generated here.
/// <see cref="StopAsync"/> and <see cref="StartAsync"/> restart it on the same ports. A missing binary is an error,
/// never a reason to skip: the MQTT tests need a broker.
/// </summary>
/// <example><code>
/// await using var broker = await MosquittoBroker.StartNewAsync(new() { Tls = true });
/// // connect to broker.Host : broker.Port (plain) or broker.TlsPort trusting broker.CaCertificatePem
/// </code></example>
public sealed class MosquittoBroker : IAsyncDisposable
{
    /// <summary>Where the broker binary is expected (Debian's package <c>mosquitto</c>).</summary>
    public const string BinaryPath = "/usr/sbin/mosquitto";

    private const int StartAttempts = 3;

    private static readonly HashSet<Process> Running = [];

    private readonly MosquittoBrokerOptions options;
    private readonly MosquittoDirectory directory;
    private readonly SemaphoreSlim gate = new(1, 1);
    private Process? process;
    private bool disposed;

    static MosquittoBroker() => AppDomain.CurrentDomain.ProcessExit += (_, _) => KillAllRunning();

    /// <summary>Prepares the directory, configuration, password file and certificates; <see cref="StartAsync"/> starts it.</summary>
    public MosquittoBroker(MosquittoBrokerOptions? options = null)
    {
        this.options = options ?? new MosquittoBrokerOptions();
        if (!File.Exists(BinaryPath))
        {
            throw new InvalidOperationException(
                $"The MQTT tests need mosquitto at {BinaryPath}: apt-get install mosquitto mosquitto-clients " +
                "(scripts/test.sh does this).");
        }

        Port = FreePort();
        TlsPort = this.options.Tls ? FreePort() : null;
        directory = MosquittoDirectory.Create(this.options, Host, Port, TlsPort);
    }

    /// <summary>The host to connect to: always <c>127.0.0.1</c>.</summary>
    public string Host => "127.0.0.1";

    /// <summary>The plain TCP listener's port.</summary>
    public int Port { get; }

    /// <summary>The TLS listener's port when <see cref="MosquittoBrokerOptions.Tls"/> is set.</summary>
    public int? TlsPort { get; }

    /// <summary>The PEM of the CA that signed the TLS listener's certificate (for a connection's <c>ca</c>).</summary>
    public string? CaCertificatePem => directory.CaCertificatePem;

    /// <summary>The PEM of a client certificate for <c>CN=device-1</c> that the broker's CA signed (with a TLS listener).</summary>
    public string? ClientCertificatePem => directory.ClientCertificate?.Certificate;

    /// <summary>The PKCS#8 PEM of <see cref="ClientCertificatePem"/>'s key.</summary>
    public string? ClientKeyPem => directory.ClientCertificate?.Key;

    /// <summary>The broker's directory under /tmp (configuration, log, password file, certificates).</summary>
    public string Directory => directory.Path;

    /// <summary>The generated <c>mosquitto.conf</c>.</summary>
    public string ConfigurationPath => directory.ConfigurationPath;

    /// <summary>The broker's log (appended to across restarts).</summary>
    public string LogPath => directory.LogPath;

    /// <summary>Whether the broker process is running.</summary>
    public bool IsRunning => process is { HasExited: false };

    /// <summary>The CA of the TLS listener as a certificate (a new instance each call; the caller disposes it).</summary>
    public X509Certificate2 LoadCaCertificate() =>
        X509Certificate2.CreateFromPem(CaCertificatePem ?? throw new InvalidOperationException("The broker has no TLS listener."));

    /// <summary>
    /// Creates a broker and starts it; a broker that exits while starting (another process took one of its free
    /// ports meanwhile) is replaced by one on other ports, up to <see cref="StartAttempts"/> times.
    /// </summary>
    public static async Task<MosquittoBroker> StartNewAsync(MosquittoBrokerOptions? options = null)
    {
        for (var attempt = 1; ; attempt++)
        {
            var broker = new MosquittoBroker(options);
            try
            {
                await broker.StartAsync();
                return broker;
            }
            catch (MosquittoExitedException) when (attempt < StartAttempts)
            {
                await broker.DisposeAsync();
            }
            catch
            {
                await broker.DisposeAsync();
                throw;
            }
        }
    }

    /// <summary>Starts the broker (again, on the same ports) and waits until every listener accepts connections.</summary>
    public async Task StartAsync()
    {
        await gate.WaitAsync();
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (IsRunning)
            {
                return;
            }

            process = Launch();
            await WaitUntilListeningAsync(process);
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Stops the broker with SIGTERM (its clients see their connections close) and waits until it exited.</summary>
    public async Task StopAsync()
    {
        await gate.WaitAsync();
        try
        {
            await StopProcessAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>The broker's log so far.</summary>
    public string ReadLog()
    {
        using var stream = new FileStream(LogPath, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        await gate.WaitAsync();
        try
        {
            if (disposed)
            {
                return;
            }

            disposed = true;
            await StopProcessAsync();
            directory.Delete();
        }
        finally
        {
            gate.Release();
        }
    }

    private Process Launch()
    {
        // The shell opens the log (appending across restarts) and then becomes mosquitto, so the PID is the broker's.
        var start = new ProcessStartInfo("/bin/sh") { UseShellExecute = false, WorkingDirectory = Directory };
        foreach (var argument in new[] { "-c", "exec \"$0\" -c \"$1\" </dev/null >/dev/null 2>>\"$2\"", BinaryPath, ConfigurationPath, LogPath })
        {
            start.ArgumentList.Add(argument);
        }

        var started = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {BinaryPath}.");
        lock (Running)
        {
            Running.Add(started);
        }

        return started;
    }

    private async Task WaitUntilListeningAsync(Process started)
    {
        var deadline = DateTime.UtcNow + options.StartTimeout;
        foreach (var port in TlsPort is { } tlsPort ? new[] { Port, tlsPort } : [Port])
        {
            while (true)
            {
                if (started.HasExited)
                {
                    var exitCode = started.ExitCode;
                    process = null;
                    Forget(started);
                    throw new MosquittoExitedException($"mosquitto exited with {exitCode} while starting ({ConfigurationPath}):\n{ReadLog()}");
                }

                using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                try
                {
                    await probe.ConnectAsync(IPAddress.Loopback, port);
                    break;
                }
                catch (SocketException) when (DateTime.UtcNow < deadline)
                {
                    await Task.Delay(20);
                }
                catch (SocketException exception)
                {
                    throw new InvalidOperationException(
                        $"mosquitto did not accept connections on {Host}:{port} within {options.StartTimeout}:\n{ReadLog()}", exception);
                }
            }
        }
    }

    private async Task StopProcessAsync()
    {
        if (process is not { } running)
        {
            return;
        }

        process = null;
        if (!running.HasExited)
        {
            MosquittoDirectory.Run("/bin/kill", "-TERM", running.Id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
            try
            {
                await running.WaitForExitAsync(patience.Token);
            }
            catch (OperationCanceledException)
            {
                running.Kill();
                await running.WaitForExitAsync();
            }
        }

        Forget(running);
    }

    private static void Forget(Process stopped)
    {
        lock (Running)
        {
            Running.Remove(stopped);
        }

        stopped.Dispose();
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

    private static int FreePort() => LoopbackPorts.Free();
}
