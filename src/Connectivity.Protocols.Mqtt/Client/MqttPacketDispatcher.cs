using Connectivity.Protocols.Mqtt.Packets;

namespace Connectivity.Protocols.Mqtt.Client;

/// <summary>
/// Matches the server's replies to the requests waiting for them, by packet type and packet identifier
/// (CONNACK and PINGRESP, which have none, by type alone). Once failed, every waiter and every later
/// registration fails with the same exception.
/// </summary>
internal sealed class MqttPacketDispatcher
{
    private readonly Dictionary<(MqttPacketType Type, ushort Id), TaskCompletionSource<MqttPacket>> waiters = [];
    private Exception? failure;

    /// <summary>Starts waiting for a reply; register before sending the request so the reply cannot slip past.</summary>
    public Task<MqttPacket> Register(MqttPacketType type, ushort packetIdentifier)
    {
        var waiter = new TaskCompletionSource<MqttPacket>(TaskCreationOptions.RunContinuationsAsynchronously);
        lock (waiters)
        {
            if (failure is not null)
            {
                waiter.SetException(failure);
            }
            else if (!waiters.TryAdd((type, packetIdentifier), waiter))
            {
                throw new InvalidOperationException($"Already waiting for {type} {packetIdentifier}.");
            }
        }

        return waiter.Task;
    }

    /// <summary>Stops waiting (after a timeout or cancellation), so a late reply is ignored.</summary>
    public void Forget(MqttPacketType type, ushort packetIdentifier)
    {
        lock (waiters)
        {
            waiters.Remove((type, packetIdentifier));
        }
    }

    /// <summary>Hands a reply to its waiter; false if nobody waits for it.</summary>
    public bool TryDispatch(MqttPacket packet)
    {
        var key = (packet.PacketType, PacketIdentifierOf(packet));
        TaskCompletionSource<MqttPacket>? waiter;
        lock (waiters)
        {
            if (!waiters.Remove(key, out waiter))
            {
                return false;
            }
        }

        waiter.TrySetResult(packet);
        return true;
    }

    /// <summary>Fails every waiter, now and later.</summary>
    public void FailAll(Exception exception)
    {
        List<TaskCompletionSource<MqttPacket>> failed;
        lock (waiters)
        {
            failure ??= exception;
            failed = [.. waiters.Values];
            waiters.Clear();
        }

        foreach (var waiter in failed)
        {
            waiter.TrySetException(exception);
        }
    }

    private static ushort PacketIdentifierOf(MqttPacket packet) => packet switch
    {
        PubAckPacket p => p.PacketIdentifier,
        PubRecPacket p => p.PacketIdentifier,
        PubCompPacket p => p.PacketIdentifier,
        SubAckPacket p => p.PacketIdentifier,
        UnsubAckPacket p => p.PacketIdentifier,
        _ => 0,
    };
}
