using System.Collections.Concurrent;
using Connectivity.Service.Clients;

namespace Connectivity.Service.Tests.Clients;

/// <summary>Records the announcements a client actor publishes; <see cref="IsEnabled"/> as configured.</summary>
public sealed class RecordingAnnouncements(bool isEnabled) : IClientAnnouncements
{
    private readonly TaskCompletionSource closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public bool IsEnabled => isEnabled;

    public ConcurrentQueue<(string Kind, string ConnectionId, DateTimeOffset At)> Published { get; } = new();

    /// <summary>Completes when the first closed announcement was published.</summary>
    public Task FirstClosed => closed.Task.WaitAsync(TimeSpan.FromSeconds(10));

    public void Opened(string connectionId, DateTimeOffset openedAt) => Published.Enqueue(("opened", connectionId, openedAt));

    public void Closed(string connectionId, DateTimeOffset closedAt)
    {
        Published.Enqueue(("closed", connectionId, closedAt));
        closed.TrySetResult();
    }
}
