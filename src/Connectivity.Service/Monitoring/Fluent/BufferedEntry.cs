namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>An encoded <c>[time, record]</c> entry waiting in the <see cref="ForwardBuffer"/> under its tag.</summary>
internal sealed record BufferedEntry(long Sequence, string Tag, byte[] Data, long AddedAt);
