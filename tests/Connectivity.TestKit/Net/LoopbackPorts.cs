using System.Net;
using System.Net.Sockets;

namespace Connectivity.TestKit.Net;

/// <summary>
/// Ports for servers that tests start on 127.0.0.1 (the service, brokers, databases). They come from below Linux's
/// ephemeral range (32768–60999): a port the kernel hands out for <c>bind(0)</c> is also what outgoing connections
/// of every other test process use as their local port, so "free a moment ago" often is not by the time the server
/// binds it. Random picks from 20000–32767, checked by binding, make such collisions unlikely across parallel test runs.
/// </summary>
public static class LoopbackPorts
{
    private const int First = 20000;
    private const int Last = 32767;

    /// <summary>A loopback port below the ephemeral range that nobody listens on right now.</summary>
    public static int Free()
    {
        for (var attempt = 0; attempt < 200; attempt++)
        {
            var port = Random.Shared.Next(First, Last + 1);
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // In use: try another one.
            }
        }

        throw new InvalidOperationException($"No free loopback port between {First} and {Last} after 200 attempts.");
    }
}
