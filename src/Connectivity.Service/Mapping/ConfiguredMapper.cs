using Connectivity.Model.Connections;
using Connectivity.Model.Placeholders;
using Connectivity.Service.Messaging;

namespace Connectivity.Service.Mapping;

/// <summary>
/// One payload mapper of a connection together with what decides whether it runs for a message (spec §7.1): its
/// <c>incomingConditions</c> / <c>outgoingConditions</c> and its content-type blocklist.
/// </summary>
internal sealed record ConfiguredMapper(IMessageMapper Mapper, MappingContext Context, ContentTypeBlocklist Blocklist)
{
    /// <summary>
    /// Builds the mapper <paramref name="id"/> and checks its conditions; a <see cref="MapperConfigurationException"/>
    /// names the mapping.
    /// </summary>
    public static ConfiguredMapper Create(string id, MappingContext context, MappingSettings settings, TimeProvider time, string connectionId)
    {
        try
        {
            CheckConditions("incoming", context.IncomingConditions);
            CheckConditions("outgoing", context.OutgoingConditions);
            var mapper = MessageMapperFactory.Create(id, context, settings, time, connectionId);
            return new ConfiguredMapper(mapper, context, ContentTypeBlocklist.From(new MapperOptions(context.Options), context.MappingEngine));
        }
        catch (MapperConfigurationException e)
        {
            throw new MapperConfigurationException($"The payload mapping '{id}' is invalid: {e.Message}", e) { Description = e.Description };
        }
    }

    /// <summary>Why the mapper does not map <paramref name="message"/>: its content type is blocked or a condition is false; null if it runs.</summary>
    public string? IncomingSkipReason(ExternalMessage message, IPlaceholderSource placeholders) =>
        Blocklist.Blocks(message.ContentType)
            ? $"content-type '{message.ContentType}' is blocked for mapper '{Mapper.Id}'"
            : FalseCondition("incoming", Context.IncomingConditions, placeholders);

    /// <summary>Why the mapper does not map a signal: an outgoing condition is false; null if it runs.</summary>
    public string? OutgoingSkipReason(IPlaceholderSource placeholders) => FalseCondition("outgoing", Context.OutgoingConditions, placeholders);

    private string? FalseCondition(string direction, IReadOnlyDictionary<string, string> conditions, IPlaceholderSource placeholders)
    {
        foreach (var (name, condition) in conditions)
        {
            if (!PlaceholderResolver.EvaluateCondition(condition, placeholders))
            {
                var reason = PlaceholderResolver.EvaluateConditionResult(condition, placeholders).Reason;
                return $"the {direction} condition '{name}' ({condition}) of mapper '{Mapper.Id}' is false" + (reason is null ? string.Empty : $": {reason}");
            }
        }

        return null;
    }

    private static void CheckConditions(string direction, IReadOnlyDictionary<string, string> conditions)
    {
        foreach (var (name, condition) in conditions)
        {
            if (PlaceholderResolver.ValidateCondition(condition) is { } problem)
            {
                throw new MapperConfigurationException($"The {direction} condition '{name}' ({condition}) is invalid: {problem}.")
                {
                    Description = "Conditions are placeholder expressions such as fn:filter(header:x,'eq','true').",
                };
            }
        }
    }
}
