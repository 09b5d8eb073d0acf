namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// The bounded in-memory buffer of encoded entries waiting to be sent: first in, first out, at most
/// <c>maxBytes</c> bytes; adding beyond that drops the oldest entries (counted in <see cref="Dropped"/>). Entries stay
/// in the buffer while they are being sent and are removed once sent (<see cref="RemoveThrough"/>), so a chunk that
/// failed is sent again from the same place. Thread-safe; adding never waits for the sender.
/// </summary>
internal sealed class ForwardBuffer(long maxBytes)
{
    private readonly Lock gate = new();
    private readonly Queue<BufferedEntry> entries = new();
    private long bytes;
    private long nextSequence;
    private long dropped;

    /// <summary>Entries dropped because the buffer was full (the oldest) or an entry alone exceeded it.</summary>
    public long Dropped => Interlocked.Read(ref dropped);

    public int Count
    {
        get
        {
            lock (gate)
            {
                return entries.Count;
            }
        }
    }

    public long Bytes
    {
        get
        {
            lock (gate)
            {
                return bytes;
            }
        }
    }

    /// <summary>The <see cref="TimeProvider.GetTimestamp"/> at which the oldest buffered entry was added; null if empty.</summary>
    public long? OldestAddedAt
    {
        get
        {
            lock (gate)
            {
                return entries.TryPeek(out var oldest) ? oldest.AddedAt : null;
            }
        }
    }

    /// <summary>Appends an entry, dropping the oldest ones while the buffer would exceed its size.</summary>
    /// <returns>How many entries were dropped (the new one included if it alone is larger than the buffer).</returns>
    public int Add(string tag, byte[] data, long addedAt)
    {
        if (data.Length > maxBytes)
        {
            Interlocked.Increment(ref dropped);
            return 1;
        }

        var evicted = 0;
        lock (gate)
        {
            entries.Enqueue(new BufferedEntry(nextSequence++, tag, data, addedAt));
            bytes += data.Length;
            while (bytes > maxBytes)
            {
                bytes -= entries.Dequeue().Data.Length;
                evicted++;
            }
        }

        if (evicted > 0)
        {
            Interlocked.Add(ref dropped, evicted);
        }

        return evicted;
    }

    /// <summary>The oldest entries, in order, up to <paramref name="maxChunkBytes"/> bytes (at least one if any).</summary>
    public IReadOnlyList<BufferedEntry> Peek(long maxChunkBytes)
    {
        var chunk = new List<BufferedEntry>();
        long size = 0;
        lock (gate)
        {
            foreach (var entry in entries)
            {
                if (chunk.Count > 0 && size + entry.Data.Length > maxChunkBytes)
                {
                    break;
                }

                chunk.Add(entry);
                size += entry.Data.Length;
            }
        }

        return chunk;
    }

    /// <summary>Removes the entries up to and including <paramref name="sequence"/> (those not dropped meanwhile).</summary>
    /// <returns>How many were removed.</returns>
    public int RemoveThrough(long sequence)
    {
        var removed = 0;
        lock (gate)
        {
            while (entries.TryPeek(out var oldest) && oldest.Sequence <= sequence)
            {
                bytes -= entries.Dequeue().Data.Length;
                removed++;
            }
        }

        return removed;
    }
}
