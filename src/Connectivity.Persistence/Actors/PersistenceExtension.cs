using System.Diagnostics.CodeAnalysis;
using System.Runtime.CompilerServices;
using Connectivity.Actors;

namespace Connectivity.Persistence.Actors;

/// <summary>
/// Persistence for one <see cref="ActorSystem"/>: its <see cref="PersistenceSettings"/> and the permits that
/// cap concurrent recoveries. Registered once per system, found again by <see cref="Get"/>; it lives as long
/// as the system does.
/// </summary>
[SuppressMessage(
    "Design",
    "CA1001:Types that own disposable fields should be disposable",
    Justification = "A SemaphoreSlim needs disposing only once its AvailableWaitHandle was used; it never is.")]
public sealed class PersistenceExtension
{
    private static readonly ConditionalWeakTable<ActorSystem, PersistenceExtension> Extensions = new();

    private readonly SemaphoreSlim recoveryPermits;

    private PersistenceExtension(PersistenceSettings settings)
    {
        Settings = settings;
        recoveryPermits = new SemaphoreSlim(settings.MaxConcurrentRecoveries, settings.MaxConcurrentRecoveries);
    }

    public PersistenceSettings Settings { get; }

    /// <summary>Gives <paramref name="system"/> persistence; a system is registered at most once.</summary>
    public static PersistenceExtension Register(ActorSystem system, PersistenceSettings settings)
    {
        ArgumentNullException.ThrowIfNull(system);
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(settings.Journal);
        ArgumentNullException.ThrowIfNull(settings.Snapshots);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.SnapshotEvery, 1, nameof(settings));
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.MaxConcurrentRecoveries, 1, nameof(settings));
        var extension = new PersistenceExtension(settings);
        if (!Extensions.TryAdd(system, extension))
        {
            throw new InvalidOperationException("Persistence is already registered for this actor system.");
        }

        return extension;
    }

    /// <summary>The persistence registered for <paramref name="system"/>.</summary>
    public static PersistenceExtension Get(ActorSystem system)
    {
        ArgumentNullException.ThrowIfNull(system);
        return Extensions.TryGetValue(system, out var extension)
            ? extension
            : throw new InvalidOperationException(
                "Persistence is not registered for this actor system; call PersistenceExtension.Register first.");
    }

    /// <summary>Waits until fewer than <see cref="PersistenceSettings.MaxConcurrentRecoveries"/> actors recover.</summary>
    internal Task AcquireRecoveryPermitAsync() => recoveryPermits.WaitAsync();

    internal void ReleaseRecoveryPermit() => recoveryPermits.Release();
}
