using Connectivity.Model.Connections;
using Connectivity.Model.Protocol;
using Connectivity.Model.Rql;

namespace Connectivity.Service.DataPlane;

/// <summary>
/// What one target subscribes to (spec §1.10), with its RQL filters parsed once: whether a signal is for the target at
/// all (<see cref="IsSubscribed"/>: one of its topics has the signal's base topic) and, if so, whether the topics'
/// namespaces and filters let it through (<see cref="Check"/>).
/// </summary>
public sealed class TargetSubscription
{
    private readonly (FilteredTopic Topic, RqlNode? Filter)[] topics;

    public TargetSubscription(Target target)
    {
        ArgumentNullException.ThrowIfNull(target);
        Target = target;
        topics = [.. target.Topics.Select(t => (t, t.Filter is null ? null : RqlParser.Parse(t.Filter)))];
        BaseTopics = target.Topics.Select(t => t.Topic).ToHashSet(StringComparer.Ordinal);
    }

    public Target Target { get; }

    /// <summary>The base topics of the target's topics.</summary>
    public IReadOnlySet<string> BaseTopics { get; }

    public bool IsSubscribed(DittoProtocolMessage signal) =>
        signal.Kind.SubscriptionTopic() is { } topic && BaseTopics.Contains(topic);

    /// <summary>Null if a topic of the signal's kind lets it through; otherwise why none does (for a <c>filtered</c> log entry).</summary>
    public string? Check(DittoProtocolMessage signal)
    {
        var baseTopic = signal.Kind.SubscriptionTopic();
        string? reason = null;
        foreach (var (topic, filter) in topics)
        {
            if (topic.Topic != baseTopic)
            {
                continue;
            }

            if (topic.Namespaces.Count > 0 && !topic.Namespaces.Contains(signal.Topic.Namespace, StringComparer.Ordinal))
            {
                reason ??= $"Signal filtered out: its namespace '{signal.Topic.Namespace}' is not one of [{string.Join(", ", topic.Namespaces)}] of target topic '{topic.Topic}'.";
                continue;
            }

            if (filter is not null && !filter.Evaluate(new SignalFilterView(signal)))
            {
                reason = $"Signal filtered out: it does not match the filter '{topic.Filter}' of target topic '{topic.Topic}'.";
                continue;
            }

            return null;
        }

        return reason ?? $"Signal filtered out: the target subscribes to no topic '{baseTopic}'.";
    }
}
