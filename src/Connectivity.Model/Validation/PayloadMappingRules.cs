using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// Payload mapping rules (spec §1.11, §7.1): the number of mappings per source/target, references to
/// <c>mappingDefinitions</c> or option-free aliases, known engines and their mandatory options.
/// </summary>
internal static class PayloadMappingRules
{
    /// <summary>Engines usable by alias without a definition, as their options are optional.</summary>
    private static readonly HashSet<string> OptionFreeAliases = new(StringComparer.Ordinal)
    {
        "Ditto", "Normalized", "RawMessage", "CloudEvents", "UpdateTwinWithLiveResponse",
    };

    private static readonly Dictionary<string, string[]> MandatoryOptions = new(StringComparer.Ordinal)
    {
        ["Ditto"] = [],
        ["JavaScript"] = ["incomingScript", "outgoingScript"],
        ["Normalized"] = [],
        ["ConnectionStatus"] = ["thingId"],
        ["RawMessage"] = [],
        ["ImplicitThingCreation"] = ["thing"],
        ["UpdateTwinWithLiveResponse"] = [],
        ["CloudEvents"] = [],
    };

    public static void Check(Connection connection, int maxMappings)
    {
        foreach (var (mappingId, context) in connection.MappingDefinitions)
        {
            CheckDefinition(mappingId, context);
        }

        var lists = connection.Sources.Select(s => (Kind: "source", Name: string.Join(",", s.Addresses), s.PayloadMapping))
            .Concat(connection.Targets.Select(t => (Kind: "target", Name: t.Address, t.PayloadMapping)));
        foreach (var (kind, name, mappings) in lists)
        {
            if (mappings.Count > maxMappings)
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The number of payload mappings of the {kind} '{name}' ({mappings.Count}) exceeds the limit of {maxMappings}.",
                    "Reduce the number of payload mappings.");
            }

            var unknown = mappings.FirstOrDefault(m => !connection.MappingDefinitions.ContainsKey(m) && !OptionFreeAliases.Contains(m));
            if (unknown is not null)
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The payload mapping '{unknown}' of the {kind} '{name}' is not defined.",
                    "Refer to a key of 'mappingDefinitions' or to one of the aliases: " + string.Join(", ", OptionFreeAliases) + ".");
            }
        }
    }

    private static void CheckDefinition(string mappingId, MappingContext context)
    {
        if (!MandatoryOptions.TryGetValue(context.MappingEngine, out var mandatory))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The mapping engine '{context.MappingEngine}' of the mapping '{mappingId}' is unknown.",
                "Known engines are: " + string.Join(", ", MandatoryOptions.Keys) + ".");
        }

        var options = context.Options;
        var missing = mandatory.FirstOrDefault(o => options[o] is null);
        if (missing is not null)
        {
            var cause = ConnectivityErrors.MessageMapperConfigInvalid(
                $"Mapper configuration is missing the mandatory option <{missing}>.",
                $"Add the option '{missing}' to the mapping '{mappingId}'.");
            throw ConnectivityErrors.ConfigurationInvalid($"The mapping '{mappingId}' is invalid: {cause.Message}", cause.Description);
        }
    }
}
