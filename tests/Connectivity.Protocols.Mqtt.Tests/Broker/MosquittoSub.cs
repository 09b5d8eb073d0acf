using System.Diagnostics;
using System.Globalization;
using System.Threading.Channels;

namespace Connectivity.Protocols.Mqtt.Tests.Broker;

/// <summary>
/// The real <c>mosquitto_sub</c> CLI as an independent subscriber: started with <c>-d</c> so its SUBACK shows when
/// it is subscribed, printing each message as one line of <c>MSG|topic|qos|content type|correlation data|message
/// expiry|response topic|user properties|payload</c>.
/// </summary>
internal sealed class MosquittoSub : IAsyncDisposable
{
    private const string Marker = "MSG|";
    private readonly Process process;
    private readonly Channel<string> messages = Channel.CreateUnbounded<string>();
    private readonly TaskCompletionSource subscribed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<string> output = [];

    private MosquittoSub(Process process)
    {
        this.process = process;
    }

    /// <summary>Starts it and waits until the broker acknowledged its subscription.</summary>
    public static async Task<MosquittoSub> StartAsync(string host, int port, string topicFilter, int qos, bool v5)
    {
        // stdbuf: mosquitto_sub's stdout is block-buffered into a pipe, so its SUBACK line would come only at exit
        var start = new ProcessStartInfo("/usr/bin/stdbuf") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in new[]
        {
            "-oL", "/usr/bin/mosquitto_sub", "-h", host, "-p", port.ToString(CultureInfo.InvariantCulture), "-t", topicFilter,
            "-q", qos.ToString(CultureInfo.InvariantCulture), "-V", v5 ? "mqttv5" : "mqttv311", "-d",
            "-F", Marker + "%t|%q|%C|%D|%E|%R|%P|%p",
        })
        {
            start.ArgumentList.Add(argument);
        }

        var process = Process.Start(start) ?? throw new InvalidOperationException("Could not start mosquitto_sub.");
        var sub = new MosquittoSub(process);
        _ = sub.PumpAsync();
        try
        {
            await sub.subscribed.Task.WaitAsync(TimeSpan.FromSeconds(20));
        }
        catch (TimeoutException exception)
        {
            await sub.DisposeAsync();
            throw new InvalidOperationException($"mosquitto_sub did not subscribe:\n{sub.Output}", exception);
        }

        return sub;
    }

    /// <summary>The next message line (without the marker), split into its fields.</summary>
    public async Task<string[]> ReadMessageAsync()
    {
        try
        {
            var line = await messages.Reader.ReadAsync().AsTask().WaitAsync(TimeSpan.FromSeconds(20));
            return line[Marker.Length..].Split('|');
        }
        catch (TimeoutException exception)
        {
            throw new InvalidOperationException($"mosquitto_sub received nothing:\n{Output}", exception);
        }
    }

    private string Output
    {
        get
        {
            lock (output)
            {
                return string.Join('\n', output);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill();
        }

        await process.WaitForExitAsync();
        process.Dispose();
    }

    private async Task PumpAsync()
    {
        while (await process.StandardOutput.ReadLineAsync() is { } line)
        {
            lock (output)
            {
                output.Add(line);
            }

            if (line.StartsWith(Marker, StringComparison.Ordinal))
            {
                messages.Writer.TryWrite(line);
            }
            else if (line.Contains("received SUBACK", StringComparison.Ordinal))
            {
                subscribed.TrySetResult();
            }
        }

        lock (output)
        {
            output.Add(process.StandardError.ReadToEnd());
        }
    }
}
