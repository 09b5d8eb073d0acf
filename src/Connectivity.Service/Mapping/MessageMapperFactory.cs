using Connectivity.Model.Connections;
using Connectivity.Service.Mapping.JavaScript;

namespace Connectivity.Service.Mapping;

/// <summary>
/// Creates the mapper of one mapping definition or built-in alias (spec §7.1). Unknown engines, missing or mistyped
/// options and scripts that do not load are <see cref="MapperConfigurationException"/>s.
/// </summary>
public static class MessageMapperFactory
{
    /// <summary>The engines this service implements.</summary>
    public static IReadOnlyList<string> Engines { get; } =
    [
        DittoMessageMapper.Alias, JavaScriptMessageMapper.Alias, NormalizedMessageMapper.Alias, RawMessageMapper.Alias, ConnectionStatusMessageMapper.Alias,
    ];

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
            _ => throw new MapperConfigurationException($"The mapping engine '{context.MappingEngine}' is unknown.")
            {
                Description = "Known engines are: " + string.Join(", ", Engines) + ".",
            },
        };
    }
}
