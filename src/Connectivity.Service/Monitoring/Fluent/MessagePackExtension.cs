namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>A decoded MessagePack extension value: its type and data (e.g. Fluentd's EventTime, type 0).</summary>
public sealed record MessagePackExtension(sbyte Type, byte[] Data);
