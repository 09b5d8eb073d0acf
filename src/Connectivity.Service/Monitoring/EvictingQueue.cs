namespace Connectivity.Service.Monitoring;

/// <summary>A thread-safe FIFO of bounded size that drops its oldest item when full.</summary>
internal sealed class EvictingQueue<T>(int capacity)
{
    private readonly Queue<T> items = new();
    private readonly Lock gate = new();

    public void Add(T item)
    {
        if (capacity <= 0)
        {
            return;
        }

        lock (gate)
        {
            if (items.Count == capacity)
            {
                items.Dequeue();
            }

            items.Enqueue(item);
        }
    }

    public T[] ToArray()
    {
        lock (gate)
        {
            return [.. items];
        }
    }

    public void Clear()
    {
        lock (gate)
        {
            items.Clear();
        }
    }
}
