namespace Connectivity.Service.Clients;

/// <summary>
/// The reconnect bookkeeping of a client actor (spec §4.5): every connect attempt uses a try and a timeout that doubles
/// from the minimum up to the maximum; every failure waits a backoff that doubles likewise. Immutable; the client actor
/// keeps the current value.
/// </summary>
public sealed class ClientBackoff
{
    private readonly ClientActorSettings settings;
    private readonly TimeSpan nextTimeout;
    private readonly TimeSpan nextBackoff;
    private readonly DateTimeOffset? lastAttemptAt;

    private ClientBackoff(ClientActorSettings settings, int tries, TimeSpan nextTimeout, TimeSpan nextBackoff, DateTimeOffset? lastAttemptAt)
    {
        this.settings = settings;
        Tries = tries;
        this.nextTimeout = nextTimeout;
        this.nextBackoff = nextBackoff;
        this.lastAttemptAt = lastAttemptAt;
    }

    /// <summary>Connect attempts counted since the last success or reset.</summary>
    public int Tries { get; }

    /// <summary>Whether another attempt is allowed.</summary>
    public bool CanReconnect => Tries < settings.ConnectingMaxTries;

    /// <summary>The state after a success or a (re)open: no tries used, minimum timeout and backoff.</summary>
    public static ClientBackoff Initial(ClientActorSettings settings) =>
        new(settings, 0, settings.ConnectingMinTimeout, settings.MinBackoff, null);

    /// <summary>
    /// Counts a connect attempt made at <paramref name="now"/>: returns its timeout and the state with the timeout
    /// doubled for the next attempt. The tries start over when the previous attempt lies more than
    /// 2 × (max timeout + max backoff) back.
    /// </summary>
    public (ClientBackoff Next, TimeSpan Timeout) StartAttempt(DateTimeOffset now)
    {
        var current = lastAttemptAt is { } last && now - last > 2 * (settings.ConnectingMaxTimeout + settings.MaxBackoff)
            ? Initial(settings)
            : this;
        var next = new ClientBackoff(
            settings, current.Tries + 1, Double(current.nextTimeout, settings.ConnectingMaxTimeout), current.nextBackoff, now);
        return (next, current.nextTimeout);
    }

    /// <summary>Returns the delay before the next reconnect and the state with that delay doubled for the failure after.</summary>
    public (ClientBackoff Next, TimeSpan Delay) StartBackoff() =>
        (new ClientBackoff(settings, Tries, nextTimeout, Double(nextBackoff, settings.MaxBackoff), lastAttemptAt), nextBackoff);

    private static TimeSpan Double(TimeSpan value, TimeSpan max) => value >= max / 2 ? max : value * 2;
}
