using System.Globalization;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>
/// A hand-written HTTP/1.1 request over a plain socket, split in two steps: <see cref="SendAsync"/> returns once the
/// request bytes are in the kernel's buffers (so they reach even a frozen process), <see cref="Sent.AnswerAsync"/>
/// reads the answer. Used to queue requests at a node stopped with SIGSTOP.
/// </summary>
public static class RawHttp
{
    public sealed class Sent(TcpClient client, NetworkStream stream) : IDisposable
    {
        /// <summary>Reads the whole answer (the request asked for <c>Connection: close</c>).</summary>
        public async Task<Answer> AnswerAsync(TimeSpan timeout)
        {
            using var cts = new CancellationTokenSource(timeout);
            try
            {
                using var buffer = new MemoryStream();
                await stream.CopyToAsync(buffer, cts.Token);
                var text = Encoding.UTF8.GetString(buffer.ToArray());
                var split = text.IndexOf("\r\n\r\n", StringComparison.Ordinal);
                if (split < 0)
                {
                    return new Answer(0, null, $"incomplete answer: '{text}'");
                }

                var head = text[..split];
                var body = text[(split + 4)..];
                var status = int.Parse(head.Split(' ')[1], CultureInfo.InvariantCulture);
                if (head.Contains("transfer-encoding: chunked", StringComparison.OrdinalIgnoreCase))
                {
                    body = Dechunk(body);
                }

                JsonNode? json = null;
                try
                {
                    json = body.Length == 0 ? null : JsonNode.Parse(body);
                }
                catch (System.Text.Json.JsonException)
                {
                    json = JsonValue.Create(body);
                }

                return new Answer(status, json, null);
            }
            catch (OperationCanceledException)
            {
                return new Answer(0, null, $"no answer within {timeout}");
            }
            catch (IOException e)
            {
                return new Answer(0, null, e.Message);
            }
        }

        public void Dispose()
        {
            stream.Dispose();
            client.Dispose();
        }
    }

    public static async Task<Sent> SendAsync(Uri baseAddress, string method, string path, string authorization, string? jsonBody)
    {
        var client = new TcpClient();
        await client.ConnectAsync(baseAddress.Host, baseAddress.Port);
        var stream = client.GetStream();
        var body = Encoding.UTF8.GetBytes(jsonBody ?? string.Empty);
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {path} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: {baseAddress.Host}:{baseAddress.Port}\r\n")
            .Append(CultureInfo.InvariantCulture, $"Authorization: {authorization}\r\n")
            .Append("Connection: close\r\n");
        if (jsonBody is not null)
        {
            head.Append("Content-Type: application/json\r\n");
        }

        head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body.Length}\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        await stream.WriteAsync(body);
        await stream.FlushAsync();
        return new Sent(client, stream);
    }

    private static string Dechunk(string chunked)
    {
        var result = new StringBuilder();
        var position = 0;
        while (position < chunked.Length)
        {
            var end = chunked.IndexOf("\r\n", position, StringComparison.Ordinal);
            if (end < 0)
            {
                break;
            }

            var size = int.Parse(chunked[position..end].Split(';')[0], NumberStyles.HexNumber, CultureInfo.InvariantCulture);
            if (size == 0)
            {
                break;
            }

            result.Append(chunked, end + 2, size);
            position = end + 2 + size + 2;
        }

        return result.ToString();
    }
}
