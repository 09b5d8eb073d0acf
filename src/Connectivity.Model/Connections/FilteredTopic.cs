using System.Text;
using Connectivity.Model.Errors;
using Connectivity.Model.Rql;

namespace Connectivity.Model.Connections;

/// <summary>
/// A target topic subscription (spec §1.10): <c>&lt;topic&gt;[?param=value(&amp;param=value)*]</c> with the
/// parameters <c>namespaces</c> (comma list), <c>filter</c> (RQL) and <c>extraFields</c> (field selector).
/// Parameters a topic does not support are dropped; an unknown base topic is <c>connectivity:topic.invalid</c>,
/// a filter that <see cref="RqlParser"/> rejects is <c>rql.expression.invalid</c>; the filter text is kept verbatim.
/// </summary>
public sealed record FilteredTopic(string Topic, IReadOnlyList<string> Namespaces, string? Filter = null, FieldSelector? ExtraFields = null)
{
    public const string TwinEvents = "_/_/things/twin/events";
    public const string LiveMessages = "_/_/things/live/messages";
    public const string LiveCommands = "_/_/things/live/commands";
    public const string LiveEvents = "_/_/things/live/events";
    public const string PolicyAnnouncements = "_/_/policies/announcements";
    public const string ConnectionAnnouncements = "_/_/connections/announcements";

    private const string NamespacesParam = "namespaces";
    private const string FilterParam = "filter";
    private const string ExtraFieldsParam = "extraFields";

    public IReadOnlyList<string> Namespaces { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.From(Namespaces);

    /// <summary>The six topics a target may subscribe to.</summary>
    public static IReadOnlyList<string> KnownTopics { get; } =
        [TwinEvents, LiveMessages, LiveCommands, LiveEvents, PolicyAnnouncements, ConnectionAnnouncements];

    /// <summary>Parses a topic string; parameter values are URL-decoded.</summary>
    public static FilteredTopic Parse(string topic)
    {
        var question = topic.IndexOf('?', StringComparison.Ordinal);
        var baseTopic = (question < 0 ? topic : topic[..question]).Trim();
        if (!KnownTopics.Contains(baseTopic, StringComparer.Ordinal))
        {
            throw ConnectivityErrors.TopicInvalid(topic);
        }

        IReadOnlyList<string> namespaces = [];
        string? filter = null;
        FieldSelector? extraFields = null;
        var parameters = question < 0 ? [] : topic[(question + 1)..].Split('&', StringSplitOptions.RemoveEmptyEntries);
        foreach (var parameter in parameters)
        {
            var equals = parameter.IndexOf('=', StringComparison.Ordinal);
            var name = Decode(equals < 0 ? parameter : parameter[..equals]);
            var value = equals < 0 ? string.Empty : Decode(parameter[(equals + 1)..]);
            switch (name)
            {
                case NamespacesParam when SupportsNamespaces(baseTopic):
                    namespaces = value.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
                    break;
                case FilterParam when SupportsFilterAndExtraFields(baseTopic):
                    RqlParser.Parse(value);
                    filter = value;
                    break;
                case ExtraFieldsParam when SupportsFilterAndExtraFields(baseTopic):
                    extraFields = FieldSelector.Parse(value);
                    break;
            }
        }

        return new FilteredTopic(baseTopic, namespaces, filter, extraFields is { Fields.Count: > 0 } ? extraFields : null);
    }

    /// <summary>Re-serializes as <c>topic?namespaces=..&amp;filter=..&amp;extraFields=..</c> with decoded values.</summary>
    public override string ToString()
    {
        var parameters = new List<string>();
        if (Namespaces.Count > 0)
        {
            parameters.Add($"{NamespacesParam}={string.Join(",", Namespaces)}");
        }

        if (Filter is not null)
        {
            parameters.Add($"{FilterParam}={Filter}");
        }

        if (ExtraFields is { Fields.Count: > 0 })
        {
            parameters.Add($"{ExtraFieldsParam}={ExtraFields}");
        }

        return parameters.Count == 0 ? Topic : new StringBuilder(Topic).Append('?').AppendJoin('&', parameters).ToString();
    }

    private static bool SupportsNamespaces(string topic) => topic != ConnectionAnnouncements;

    private static bool SupportsFilterAndExtraFields(string topic) =>
        topic is not (ConnectionAnnouncements or PolicyAnnouncements);

    private static string Decode(string value) => Uri.UnescapeDataString(value.Replace('+', ' '));
}
