using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace Connectivity.Service.Monitoring;

/// <summary>Registers the monitoring settings: <see cref="ConnectionLoggerOptions"/> from configuration, then Ditto's
/// environment variables, validated at start.</summary>
public static class MonitoringServiceCollectionExtensions
{
    public static IServiceCollection AddConnectionMonitoring(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ConnectionLoggerOptions>()
            .Bind(configuration.GetSection(ConnectionLoggerOptions.SectionName))
            .PostConfigure(options => options.ApplyEnvironment(Environment.GetEnvironmentVariable))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ConnectionLoggerOptions>, ConnectionLoggerOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        return services;
    }
}
