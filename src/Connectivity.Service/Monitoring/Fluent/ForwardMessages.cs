using System.Buffers;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// Encodes Fluentd Forward protocol v1 messages: an entry is <c>[EventTime, record]</c>; a message carries entries of
/// one tag in <see cref="ForwardMode.Forward"/> or <see cref="ForwardMode.PackedForward"/> mode, with the option
/// <c>size</c> (number of entries) and, when an acknowledgement is wanted, <c>chunk</c>.
/// </summary>
public static class ForwardMessages
{
    /// <summary>One entry, <c>[time, record]</c>, with the time as EventTime (nanosecond precision).</summary>
    public static byte[] EncodeEntry(DateTimeOffset time, IEnumerable<KeyValuePair<string, object?>> record)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(2);
        writer.WriteEventTime(time);
        writer.WriteMap(record);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>A message of <paramref name="entries"/> (each from <see cref="EncodeEntry"/>) under <paramref name="tag"/>.</summary>
    /// <param name="chunk">The chunk id the server echoes as <c>{"ack": chunk}</c>; null when no acknowledgement is wanted.</param>
    public static void Encode(
        IBufferWriter<byte> output, ForwardMode mode, string tag, IReadOnlyList<ReadOnlyMemory<byte>> entries, string? chunk)
    {
        var writer = new MessagePackWriter(output);
        writer.WriteArrayHeader(3);
        writer.WriteString(tag);
        if (mode == ForwardMode.Forward)
        {
            writer.WriteArrayHeader(entries.Count);
            foreach (var entry in entries)
            {
                writer.WriteRaw(entry.Span);
            }
        }
        else
        {
            var length = 0;
            foreach (var entry in entries)
            {
                length += entry.Length;
            }

            writer.WriteBinaryHeader(length);
            foreach (var entry in entries)
            {
                writer.WriteRaw(entry.Span);
            }
        }

        writer.WriteMapHeader(chunk is null ? 1 : 2);
        writer.WriteString("size");
        writer.WriteInteger((long)entries.Count);
        if (chunk is not null)
        {
            writer.WriteString("chunk");
            writer.WriteString(chunk);
        }
    }

    /// <summary>A new chunk id: 16 random bytes in Base64, as Fluency makes them.</summary>
    public static string NewChunkId() => Convert.ToBase64String(Guid.NewGuid().ToByteArray());

    /// <summary>The chunk id acknowledged by a server response <c>{"ack": chunk}</c>; null for anything else.</summary>
    public static string? AckOf(object? response) =>
        response is Dictionary<object, object?> map && map.TryGetValue("ack", out var ack) ? ack as string : null;
}
