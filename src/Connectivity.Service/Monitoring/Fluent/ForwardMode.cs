namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>How events are carried (Fluentd Forward protocol v1, "Event Modes").</summary>
public enum ForwardMode
{
    /// <summary><c>[tag, [[time, record], ...], option]</c>: the entries as a MessagePack array.</summary>
    Forward,

    /// <summary><c>[tag, bin(entries), option]</c>: the entries as one MessagePack event stream in a bin (what Fluency sends).</summary>
    PackedForward,
}
