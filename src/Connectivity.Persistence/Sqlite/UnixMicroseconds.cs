namespace Connectivity.Persistence.Sqlite;

/// <summary>
/// Timestamps are stored as microseconds since the Unix epoch (UTC): the precision PostgreSQL keeps, so
/// both stores hand back the same instant.
/// </summary>
internal static class UnixMicroseconds
{
    public static long From(DateTimeOffset timestamp) =>
        (timestamp.UtcTicks - DateTimeOffset.UnixEpoch.Ticks) / TimeSpan.TicksPerMicrosecond;

    public static DateTimeOffset ToTimestamp(long microseconds) =>
        DateTimeOffset.UnixEpoch.AddTicks(microseconds * TimeSpan.TicksPerMicrosecond);
}
