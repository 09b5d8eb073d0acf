using System.Diagnostics.CodeAnalysis;

namespace Connectivity.Model.Protocol;

/// <summary>
/// The topic of a Ditto Protocol message (spec §7.4): <c>{namespace}/{name}/{group}[/{channel}]/{criterion}[/{action-or-subject}]</c>.
/// Things carry a channel (<c>twin</c>, <c>live</c>); policies and connections have none. For <c>messages</c>
/// the subject may contain slashes: everything after the criterion is kept in <see cref="Action"/>.
/// </summary>
public sealed record DittoTopic(string Namespace, string EntityName, string Group, string? Channel, string Criterion, string? Action)
{
    public const string ThingsGroup = "things";
    public const string PoliciesGroup = "policies";
    public const string ConnectionsGroup = "connections";
    public const string TwinChannel = "twin";
    public const string LiveChannel = "live";
    public const string CommandsCriterion = "commands";
    public const string EventsCriterion = "events";
    public const string MessagesCriterion = "messages";
    public const string ErrorsCriterion = "errors";
    public const string AnnouncementsCriterion = "announcements";

    private static readonly HashSet<string> Criteria = new(StringComparer.Ordinal)
    {
        CommandsCriterion, EventsCriterion, "search", MessagesCriterion, ErrorsCriterion, AnnouncementsCriterion, "acks", "streaming",
    };

    private static readonly HashSet<string> CommandActions = new(StringComparer.Ordinal) { "create", "retrieve", "modify", "merge", "delete" };

    private static readonly HashSet<string> EventActions = new(StringComparer.Ordinal) { "created", "modified", "merged", "deleted" };

    /// <summary>Whether this is a live message topic, whose last part(s) are the message subject.</summary>
    public bool IsMessage => Criterion == MessagesCriterion;

    /// <summary>The message subject for <c>messages</c> topics, otherwise null.</summary>
    public string? Subject => IsMessage ? Action : null;

    /// <summary>Parses a topic string; throws <see cref="DittoProtocolException"/> saying what is wrong.</summary>
    public static DittoTopic Parse(string topic)
    {
        ArgumentNullException.ThrowIfNull(topic);
        return TryParse(topic, out var parsed, out var problem) ? parsed : throw new DittoProtocolException($"Invalid topic '{topic}': {problem}");
    }

    /// <summary>Parses a topic string; false if it is not a valid Ditto Protocol topic.</summary>
    public static bool TryParse(string? topic, [NotNullWhen(true)] out DittoTopic? parsed)
    {
        if (topic is null)
        {
            parsed = null;
            return false;
        }

        return TryParse(topic, out parsed, out _);
    }

    private static bool TryParse(string topic, [NotNullWhen(true)] out DittoTopic? parsed, out string problem)
    {
        parsed = null;
        var parts = topic.Split('/');
        if (parts.Length < 4)
        {
            problem = "expected at least namespace/name/group/criterion";
            return false;
        }

        if (parts[0].Length == 0 || parts[1].Length == 0)
        {
            problem = "namespace and entity name must not be empty (use '_' for none)";
            return false;
        }

        var group = parts[2];
        int criterionIndex;
        string? channel = null;
        switch (group)
        {
            case ThingsGroup:
                channel = parts[3];
                if (channel is not (TwinChannel or LiveChannel))
                {
                    problem = $"unknown channel '{channel}' (expected 'twin' or 'live')";
                    return false;
                }

                criterionIndex = 4;
                break;
            case PoliciesGroup or ConnectionsGroup:
                criterionIndex = 3;
                break;
            default:
                problem = $"unknown group '{group}' (expected 'things', 'policies' or 'connections')";
                return false;
        }

        if (parts.Length <= criterionIndex)
        {
            problem = "the criterion is missing";
            return false;
        }

        var criterion = parts[criterionIndex];
        if (!Criteria.Contains(criterion))
        {
            problem = $"unknown criterion '{criterion}'";
            return false;
        }

        var action = parts.Length > criterionIndex + 1 ? string.Join('/', parts[(criterionIndex + 1)..]) : null;
        if (!IsValidAction(criterion, action, out problem))
        {
            return false;
        }

        parsed = new DittoTopic(parts[0], parts[1], group, channel, criterion, action);
        return true;
    }

    private static bool IsValidAction(string criterion, string? action, out string problem)
    {
        problem = string.Empty;
        if (action is { Length: 0 })
        {
            problem = "the part after the criterion is empty";
            return false;
        }

        switch (criterion)
        {
            case CommandsCriterion when action is null || !CommandActions.Contains(action):
                problem = $"unknown command action '{action}'";
                return false;
            case EventsCriterion when action is null || !EventActions.Contains(action):
                problem = $"unknown event action '{action}'";
                return false;
            case MessagesCriterion or AnnouncementsCriterion or "search" when action is null:
                problem = criterion == MessagesCriterion ? "the message subject is missing" : $"the {criterion} action is missing";
                return false;
            default:
                return true;
        }
    }

    /// <summary>The topic string: <c>ns/name/group[/channel]/criterion[/action-or-subject]</c>.</summary>
    public override string ToString()
    {
        var head = Channel is null ? $"{Namespace}/{EntityName}/{Group}/{Criterion}" : $"{Namespace}/{EntityName}/{Group}/{Channel}/{Criterion}";
        return Action is null ? head : $"{head}/{Action}";
    }
}
