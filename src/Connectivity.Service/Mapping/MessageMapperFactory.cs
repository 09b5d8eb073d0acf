using Connectivity.Model.Connections;
using Connectivity.Service.Mapping.JavaScript;

namespace Connectivity.Service.Mapping;

/// <summary>
/// Creates the mapper of one mapping definition or built-in alias (spec §7.1). Unknown engines, missing or mistyped
/// options and scripts that do not load are <see cref="MapperConfigurationException"/>s. Ditto's
/// <c>ImplicitThingCreation</c> and <c>UpdateTwinWithLiveResponse</c> send commands to a things service, which this
/// service does not have; they are refused.
/// </summary>
public static class MessageMapperFactory
{
    /// <summary>The engines this service implements.</summary>
    public static IReadOnlyList<string> Engines { get; } =
    [
        DittoMessageMapper.Alias, JavaScriptMessageMapper.Alias, NormalizedMessageMapper.Alias, RawMessageMapper.Alias,
        ConnectionStatusMessageMapper.Alias, CloudEventsMessageMapper.Alias,
    ];

    /// <summary>Ditto's engines that this service knows by name but does not implement.</summary>
    public static IReadOnlyList<string> UnsupportedEngines { get; } = ["ImplicitThingCreation", "UpdateTwinWithLiveResponse"];

    /// <summary>Whether <paramref name="name"/> is the alias of an engine, implemented or not.</summary>
    public static bool IsAlias(string name) => Engines.Contains(name, StringComparer.Ordinal) || UnsupportedEngines.Contains(name, StringComparer.Ordinal);

    /// <summary>Creates the mapper <paramref name="id"/> from its definition.</summary>
    public static IMessageMapper Create(string id, MappingContext context, MappingSettings settings, TimeProvider time, string connectionId)
    {
        ArgumentNullException.ThrowIfNull(context);
        var options = new MapperOptions(context.Options);
        return context.MappingEngine switch
        {
            DittoMessageMapper.Alias => new DittoMessageMapper(id),
            JavaScriptMessageMapper.Alias => JavaScriptMessageMapper.Create(id, options, settings),
            NormalizedMessageMapper.Alias => NormalizedMessageMapper.Create(id, options),
            RawMessageMapper.Alias => RawMessageMapper.Create(id, options, time, connectionId),
            ConnectionStatusMessageMapper.Alias => ConnectionStatusMessageMapper.Create(id, options, time, connectionId),
            CloudEventsMessageMapper.Alias => new CloudEventsMessageMapper(id),
            var engine when UnsupportedEngines.Contains(engine, StringComparer.Ordinal) =>
                throw new MapperConfigurationException($"The mapping engine '{engine}' is unknown: it is not supported by this service.")
                {
                    Description = $"'{engine}' sends commands to a things service, which this connectivity service does not have. "
                        + "Supported engines are: " + string.Join(", ", Engines) + ".",
                },
            _ => throw new MapperConfigurationException($"The mapping engine '{context.MappingEngine}' is unknown.")
            {
                Description = "Known engines are: " + string.Join(", ", Engines) + ".",
            },
        };
    }
}
