using System.Runtime.ExceptionServices;

namespace Connectivity.Actors;

/// <summary>Request-reply: tell with a temporary sender and await its first reply.</summary>
public static class AskExtensions
{
    /// <summary>Sends <paramref name="message"/> and returns the raw reply; throws <see cref="AskTimeoutException"/> after <paramref name="timeout"/>.</summary>
    public static Task<object> Ask(this IActorRef target, object message, TimeSpan timeout, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(target);
        ArgumentNullException.ThrowIfNull(message);
        if (timeout < TimeSpan.Zero && timeout != Timeout.InfiniteTimeSpan)
        {
            throw new ArgumentOutOfRangeException(nameof(timeout), timeout, "The timeout must be positive or infinite.");
        }

        var timeProvider = (target as LocalActorRef)?.Cell.System.TimeProvider ?? TimeProvider.System;
        var promise = new PromiseActorRef(target, timeProvider, timeout, ct);
        target.Tell(message, promise);
        return promise.Task;
    }

    /// <summary>
    /// Sends <paramref name="message"/> and returns the reply as <typeparamref name="T"/>: a <see cref="Status.Failure"/>
    /// reply throws its cause, a reply of another type throws <see cref="InvalidCastException"/>.
    /// </summary>
    public static async Task<T> Ask<T>(this IActorRef target, object message, TimeSpan timeout, CancellationToken ct = default)
    {
        var reply = await Ask(target, message, timeout, ct).ConfigureAwait(false);
        switch (reply)
        {
            case T typed:
                return typed;
            case Status.Failure failure:
                ExceptionDispatchInfo.Throw(failure.Cause);
                throw failure.Cause;
            default:
                throw new InvalidCastException($"Ask of {target.Path} expected {typeof(T).Name} but got {reply.GetType().Name}.");
        }
    }
}
