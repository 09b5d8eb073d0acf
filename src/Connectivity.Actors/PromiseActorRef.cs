using System.Globalization;

namespace Connectivity.Actors;

/// <summary>The temporary sender of an ask (<c>/temp/&lt;n&gt;</c>): the first message told to it is the reply.</summary>
internal sealed class PromiseActorRef : IActorRef
{
    private static readonly ActorPath TempPath = ActorPath.Root.Child("temp");
    private static long s_nextId;

    private readonly TaskCompletionSource<object> _completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly long _id = Interlocked.Increment(ref s_nextId);
    private readonly ITimer? _timer;
    private readonly CancellationTokenRegistration _cancellation;
    private readonly IActorRef _target;
    private ActorPath? _path;

    public PromiseActorRef(IActorRef target, TimeProvider timeProvider, TimeSpan timeout, CancellationToken cancellationToken)
    {
        _target = target;
        if (timeout != Timeout.InfiniteTimeSpan)
        {
            _timer = timeProvider.CreateTimer(static state => ((PromiseActorRef)state!).Expire(), this, timeout, Timeout.InfiniteTimeSpan);
        }

        if (cancellationToken.CanBeCanceled)
        {
            _cancellation = cancellationToken.UnsafeRegister(static (state, token) => ((PromiseActorRef)state!).Cancel(token), this);
        }
    }

    public ActorPath Path => _path ??= TempPath.Child(_id.ToString(CultureInfo.InvariantCulture));

    public Task<object> Task => _completion.Task;

    public void Tell(object message, IActorRef? sender = null)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_completion.TrySetResult(message))
        {
            Release();
        }
    }

    private void Expire()
    {
        if (_completion.TrySetException(new AskTimeoutException($"Ask of {_target.Path} timed out (sender {Path}).")))
        {
            Release();
        }
    }

    private void Cancel(CancellationToken token)
    {
        if (_completion.TrySetCanceled(token))
        {
            Release();
        }
    }

    private void Release()
    {
        _timer?.Dispose();
        _cancellation.Dispose();
    }

    public override string ToString() => Path.ToString();
}
