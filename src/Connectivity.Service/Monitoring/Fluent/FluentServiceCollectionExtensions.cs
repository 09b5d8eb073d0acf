using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// Registers connection log publishing: <see cref="ConnectionLogPublisherOptions"/> from configuration, then Ditto's
/// environment variables, validated at start; and the node's <see cref="ConnectionLogPublisher"/> (disposed with the
/// container, which sends what is still buffered).
/// </summary>
public static class FluentServiceCollectionExtensions
{
    /// <param name="environment">Reads environment variables; <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</param>
    /// <param name="instanceId">This node's instance id for the published records; none by default.</param>
    public static IServiceCollection AddConnectionLogPublishing(
        this IServiceCollection services,
        IConfiguration configuration,
        Func<string, string?>? environment = null,
        Func<IServiceProvider, string?>? instanceId = null)
    {
        services.AddOptions<ConnectionLogPublisherOptions>()
            .Bind(configuration.GetSection(ConnectionLogPublisherOptions.SectionName))
            .PostConfigure(options => options.ApplyEnvironment(environment ?? Environment.GetEnvironmentVariable))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectionLogPublisherOptions>, ConnectionLogPublisherOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton(provider => new ConnectionLogPublisher(
            provider.GetRequiredService<IOptions<ConnectionLogPublisherOptions>>().Value,
            instanceId?.Invoke(provider),
            provider.GetRequiredService<TimeProvider>(),
            provider.GetRequiredService<ILoggerFactory>()));
        return services;
    }
}
