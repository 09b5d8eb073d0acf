using System.Diagnostics;

namespace Connectivity.TestKit.Mqtt;

/// <summary>
/// Publishes with the real <c>mosquitto_pub</c> CLI (<c>/usr/bin/mosquitto_pub</c>), independent of the project's own
/// MQTT client. <see cref="Properties"/> become MQTT 5 PUBLISH properties (<c>-D publish &lt;name&gt; &lt;value&gt;</c>).
/// </summary>
public sealed record MosquittoPub(string Host, int Port, string Topic, string Message)
{
    /// <summary>Where the CLI is expected (Debian's package <c>mosquitto-clients</c>).</summary>
    public const string BinaryPath = "/usr/bin/mosquitto_pub";

    public int Qos { get; init; }

    public bool Retain { get; init; }

    /// <summary>MQTT 5 (<c>-V mqttv5</c>) instead of 3.1.1.</summary>
    public bool V5 { get; init; }

    /// <summary>MQTT 5 PUBLISH properties, e.g. (<c>correlation-data</c>, <c>c-1</c>) or (<c>user-property</c>, <c>key value</c>).</summary>
    public IReadOnlyList<(string Name, string Value)> Properties { get; init; } = [];

    /// <summary>How many times the message is sent (<c>--repeat</c>).</summary>
    public int Repeat { get; init; } = 1;

    /// <summary>Runs the CLI and throws with its output unless it exits with 0.</summary>
    public async Task RunAsync()
    {
        var start = new ProcessStartInfo(BinaryPath) { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        string[] arguments =
        [
            "-h", Host, "-p", Port.ToString(System.Globalization.CultureInfo.InvariantCulture), "-t", Topic, "-m", Message,
            "-q", Qos.ToString(System.Globalization.CultureInfo.InvariantCulture), "-V", V5 ? "mqttv5" : "mqttv311",
        ];
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        if (Retain)
        {
            start.ArgumentList.Add("-r");
        }

        if (Repeat > 1)
        {
            start.ArgumentList.Add("--repeat");
            start.ArgumentList.Add(Repeat.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        foreach (var (name, value) in Properties)
        {
            start.ArgumentList.Add("-D");
            start.ArgumentList.Add("publish");
            start.ArgumentList.Add(name);
            foreach (var part in name == "user-property" ? value.Split(' ', 2) : [value])
            {
                start.ArgumentList.Add(part);
            }
        }

        using var process = Process.Start(start) ?? throw new InvalidOperationException($"Could not start {BinaryPath}.");
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(20));
        var output = process.StandardOutput.ReadToEndAsync(patience.Token);
        var error = process.StandardError.ReadToEndAsync(patience.Token);
        await process.WaitForExitAsync(patience.Token);
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"mosquitto_pub exited with {process.ExitCode}: {await output}{await error}");
        }
    }
}
