using System.Diagnostics;

namespace Connectivity.TestKit.Mqtt;

/// <summary>
/// A <see cref="MosquittoBroker"/>'s directory under /tmp: <c>mosquitto.conf</c>, the password file and the TLS files.
/// The directory is mode 755 and the files 644, because mosquitto drops root to the user <c>mosquitto</c> before it
/// reads them (a root-only password file makes it exit with "Unable to open pwfile").
/// </summary>
internal sealed class MosquittoDirectory
{
    private const string PasswordTool = "/usr/bin/mosquitto_passwd";

    private const UnixFileMode ReadableDirectory = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute |
        UnixFileMode.GroupRead | UnixFileMode.GroupExecute | UnixFileMode.OtherRead | UnixFileMode.OtherExecute;

    private const UnixFileMode ReadableFile = UnixFileMode.UserRead | UnixFileMode.UserWrite |
        UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private MosquittoDirectory(string path) => Path = path;

    public string Path { get; }

    public string ConfigurationPath => System.IO.Path.Combine(Path, "mosquitto.conf");

    public string LogPath => System.IO.Path.Combine(Path, "mosquitto.log");

    /// <summary>The CA's PEM when there is a TLS listener.</summary>
    public string? CaCertificatePem { get; private set; }

    /// <summary>The client certificate and key the CA signed, as PEM, when there is a TLS listener.</summary>
    public (string Certificate, string Key)? ClientCertificate { get; private set; }

    /// <summary>Writes everything the broker reads; the plain listener on <paramref name="port"/>, TLS on <paramref name="tlsPort"/>.</summary>
    public static MosquittoDirectory Create(MosquittoBrokerOptions options, string host, int port, int? tlsPort)
    {
        var directory = new MosquittoDirectory(Directory.CreateTempSubdirectory("connectivity-mosquitto-").FullName);
        File.SetUnixFileMode(directory.Path, ReadableDirectory);
        if (tlsPort is not null)
        {
            var certificates = TestCertificates.Create("mosquitto");
            directory.CaCertificatePem = certificates.CaCertificatePem;
            directory.ClientCertificate = (certificates.ClientCertificatePem, certificates.ClientKeyPem);
            directory.Write("ca.crt", certificates.CaCertificatePem);
            directory.Write("server.crt", certificates.ServerCertificatePem);
            directory.Write("server.key", certificates.ServerKeyPem); // a throw-away test key
        }

        if (options.Users.Count > 0)
        {
            directory.WritePasswordFile(options.Users);
        }

        directory.Write("mosquitto.conf", directory.Configuration(options, host, port, tlsPort));
        return directory;
    }

    /// <summary>Runs a tool and throws with its output unless it exits with 0; the arguments are not echoed (passwords).</summary>
    public static void Run(string fileName, params string[] arguments)
    {
        var start = new ProcessStartInfo(fileName) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var run = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {fileName}.");
        var output = run.StandardOutput.ReadToEndAsync();
        var error = run.StandardError.ReadToEnd();
        run.WaitForExit();
        if (run.ExitCode != 0)
        {
            throw new InvalidOperationException($"{fileName} exited with {run.ExitCode}: {output.Result}{error}");
        }
    }

    public void Delete()
    {
        try
        {
            Directory.Delete(Path, recursive: true);
        }
        catch (IOException)
        {
            // a leftover directory under /tmp is harmless
        }
    }

    private string Configuration(MosquittoBrokerOptions options, string host, int port, int? tlsPort)
    {
        var lines = new List<string>
        {
            "per_listener_settings false",
            "persistence false",
            "log_dest stderr",
            "log_type error",
            "log_type warning",
            "log_type notice",
            "log_type information",
            "connection_messages true",
            $"allow_anonymous {(options.AllowAnonymous ? "true" : "false")}",
        };
        if (options.Users.Count > 0)
        {
            lines.Add($"password_file {System.IO.Path.Combine(Path, "passwd")}");
        }

        lines.AddRange(options.ExtraConfiguration);
        lines.Add($"listener {port} {host}");
        if (tlsPort is { } tls)
        {
            lines.Add($"listener {tls} {host}");
            lines.Add($"cafile {System.IO.Path.Combine(Path, "ca.crt")}");
            lines.Add($"certfile {System.IO.Path.Combine(Path, "server.crt")}");
            lines.Add($"keyfile {System.IO.Path.Combine(Path, "server.key")}");
            if (options.RequireClientCertificate)
            {
                lines.Add("require_certificate true");
                lines.Add("use_identity_as_username true");
            }
        }

        return string.Join('\n', lines) + "\n";
    }

    private void WritePasswordFile(IReadOnlyDictionary<string, string> users)
    {
        var file = System.IO.Path.Combine(Path, "passwd");
        File.WriteAllText(file, string.Empty);
        foreach (var (user, password) in users)
        {
            Run(PasswordTool, "-b", file, user, password);
        }

        File.SetUnixFileMode(file, ReadableFile);
    }

    private void Write(string name, string content)
    {
        var file = System.IO.Path.Combine(Path, name);
        File.WriteAllText(file, content);
        File.SetUnixFileMode(file, ReadableFile);
    }
}
