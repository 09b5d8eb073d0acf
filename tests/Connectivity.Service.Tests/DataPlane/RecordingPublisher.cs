using System.Collections.Concurrent;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Tests.DataPlane;

/// <summary>A publisher that keeps every request and completes it when <see cref="Release"/> allows (at once by default).</summary>
internal sealed class RecordingPublisher(bool held = false) : IMessagePublisher
{
    private readonly ConcurrentQueue<PublishRequest> requests = new();
    private readonly TaskCompletionSource release = NewRelease(held);

    public IReadOnlyList<PublishRequest> Requests => [.. requests];

    public void Release() => release.TrySetResult();

    public async ValueTask<PublishOutcome> PublishAsync(PublishRequest request, CancellationToken cancellationToken)
    {
        requests.Enqueue(request);
        await release.Task.WaitAsync(cancellationToken);
        return new PublishOutcome(true, 200, "acknowledged");
    }

    private static TaskCompletionSource NewRelease(bool held)
    {
        var source = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        if (!held)
        {
            source.SetResult();
        }

        return source;
    }
}
