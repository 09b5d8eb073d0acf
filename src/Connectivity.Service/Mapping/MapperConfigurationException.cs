namespace Connectivity.Service.Mapping;

/// <summary>
/// A mapping definition cannot be used (Ditto's <c>message.mapper.config.invalid</c> / <c>config.failed</c>): a missing
/// or mistyped option, an invalid condition, a script that is too large or does not load. <see cref="ConnectionMappers.Create"/>
/// throws it naming the mapping; connection validation turns it into <c>connectivity:connection.configuration.invalid</c>.
/// </summary>
public sealed class MapperConfigurationException : Exception
{
    public MapperConfigurationException()
    {
    }

    public MapperConfigurationException(string message)
        : base(message)
    {
    }

    public MapperConfigurationException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>A hint how to fix the definition, for the error's <c>description</c>.</summary>
    public string? Description { get; init; }
}
