using System.Collections.Concurrent;
using Connectivity.Actors;

namespace Connectivity.Cluster.Transport;

/// <summary>
/// Senders outside the actor tree (an ask's <c>/temp/n</c> promise) that were sent to another node: kept by path so the
/// reply can find them, until the first message reaches them or their lifetime ends.
/// </summary>
internal sealed class TemporaryRefRegistry(TimeProvider clock, TimeSpan lifetime)
{
    private readonly ConcurrentDictionary<string, (IActorRef Ref, long ExpiresAt)> _refs = new(StringComparer.Ordinal);
    private long _nextSweep;

    public void Register(IActorRef actor)
    {
        var now = clock.GetTimestamp();
        var expiresAt = now + (long)(lifetime.TotalSeconds * clock.TimestampFrequency);
        _refs[actor.Path.ToString()] = (actor, expiresAt);
        var nextSweep = Interlocked.Read(ref _nextSweep);
        if (now >= nextSweep && Interlocked.CompareExchange(ref _nextSweep, expiresAt, nextSweep) == nextSweep)
        {
            foreach (var (path, entry) in _refs)
            {
                if (entry.ExpiresAt <= now)
                {
                    _refs.TryRemove(path, out _);
                }
            }
        }
    }

    /// <summary>Removes and returns the live temporary at <paramref name="path"/>.</summary>
    public IActorRef? Take(string path) =>
        _refs.TryRemove(path, out var entry) && entry.ExpiresAt > clock.GetTimestamp() ? entry.Ref : null;
}
