using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectivity.Service.Monitoring;

/// <summary>Registers the monitoring settings: <see cref="ConnectionLoggerOptions"/> from configuration, then Ditto's
/// environment variables, validated at start.</summary>
public static class MonitoringServiceCollectionExtensions
{
    /// <param name="environment">Reads environment variables; <see cref="Environment.GetEnvironmentVariable(string)"/> by default.</param>
    public static IServiceCollection AddConnectionMonitoring(
        this IServiceCollection services, IConfiguration configuration, Func<string, string?>? environment = null)
    {
        services.AddOptions<ConnectionLoggerOptions>()
            .Bind(configuration.GetSection(ConnectionLoggerOptions.SectionName))
            .PostConfigure(options => options.ApplyEnvironment(environment ?? Environment.GetEnvironmentVariable))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectionLoggerOptions>, ConnectionLoggerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
