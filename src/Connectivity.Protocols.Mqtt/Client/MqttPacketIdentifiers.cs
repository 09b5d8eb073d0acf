namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>
/// The client's packet identifiers in use (PUBLISH QoS 1/2, SUBSCRIBE, UNSUBSCRIBE share one space, §2.2.1):
/// allocated round-robin from 1 to 65535, skipping those still in use.
/// </summary>
internal sealed class MqttPacketIdentifiers
{
    private readonly bool[] inUse = new bool[ushort.MaxValue + 1];
    private int count;
    private ushort last;

    /// <summary>A free identifier, now in use.</summary>
    /// <exception cref="InvalidOperationException">All 65535 are in use.</exception>
    public ushort Allocate()
    {
        lock (inUse)
        {
            if (count == ushort.MaxValue)
            {
                throw new InvalidOperationException("All 65535 packet identifiers are in use.");
            }

            do
            {
                last = last == ushort.MaxValue ? (ushort)1 : (ushort)(last + 1);
            }
            while (inUse[last]);

            inUse[last] = true;
            count++;
            return last;
        }
    }

    /// <summary>Takes a given identifier (to resume a flow of an earlier connection); false if it is in use.</summary>
    public bool TryReserve(ushort packetIdentifier)
    {
        lock (inUse)
        {
            if (packetIdentifier == 0 || inUse[packetIdentifier])
            {
                return false;
            }

            inUse[packetIdentifier] = true;
            count++;
            return true;
        }
    }

    public void Release(ushort packetIdentifier)
    {
        lock (inUse)
        {
            if (inUse[packetIdentifier])
            {
                inUse[packetIdentifier] = false;
                count--;
            }
        }
    }
}
