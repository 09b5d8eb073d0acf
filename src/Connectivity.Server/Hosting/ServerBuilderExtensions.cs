using Connectivity.Actors;
using Connectivity.Gateway;
using Connectivity.Gateway.Auth;
using Connectivity.Gateway.Dispatch;
using Connectivity.Messaging.Http;
using Connectivity.Messaging.Mqtt;
using Connectivity.Model.Connections;
using Connectivity.Model.Validation;
using Connectivity.Cluster.Transport;
using Connectivity.Server.Hosting.Cluster;
using Microsoft.Extensions.Options;
using Connectivity.Service.Clients;
using Connectivity.Service.DataPlane;
using Connectivity.Service.Mapping;
using Connectivity.Service.Monitoring;
using Connectivity.Service.Monitoring.Fluent;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace Connectivity.Server.Hosting;

/// <summary>
/// Composition of the single-node server: configuration (appsettings, environment, Ditto's variable names),
/// the actor system and its runtime, and the HTTP gateway.
/// </summary>
public static class ServerBuilderExtensions
{
    public static WebApplicationBuilder AddConnectivityServer(this WebApplicationBuilder builder)
    {
        var configuration = builder.Configuration;
        var publicUrls = configuration[WebHostDefaults.ServerUrlsKey] is { Length: > 0 } urls ? urls : ServerOptions.DefaultUrls;
        var cluster = ReadClusterMode(configuration);
        if (cluster.Enabled)
        {
            builder.WebHost.ConfigureKestrel(kestrel =>
            {
                KestrelListeners.ListenOn(kestrel, publicUrls);
                kestrel.ConfigureClusterTransport(new ClusterTransportOptions { InternalUrl = cluster.InternalUrl });
            });
        }
        else
        {
            builder.WebHost.UseUrls(publicUrls);
        }

        var services = builder.Services;
        services.AddSingleton(Options.Create(cluster));
        services.AddSingleton<ClusterNode>();
        services.Configure<ServerOptions>(configuration.GetSection(ServerOptions.Section));
        services.PostConfigure<ServerOptions>(o => o.DataDir = configuration["CONNECTIVITY_DATA_DIR"] ?? o.DataDir);
        services.Configure<GatewayOptions>(configuration.GetSection(GatewayOptions.Section));
        services.PostConfigure<GatewayOptions>(o => o.InstanceId = configuration["CONNECTIVITY_INSTANCE_ID"] ?? (cluster.Enabled ? cluster.NodeId : o.InstanceId));
        services.Configure<DevOpsAuthOptions>(configuration.GetSection(DevOpsAuthOptions.Section));
        services.PostConfigure<DevOpsAuthOptions>(o => o.Password = configuration["DEVOPS_PASSWORD"] ?? o.Password);
        services.Configure<ClientActorSettings>(configuration.GetSection("Connectivity:Client"));
        services.AddSingleton(ReadLimits(configuration));
        services.Configure<ConnectionLoggerOptions>(configuration.GetSection(ConnectionLoggerOptions.SectionName));
        services.PostConfigure<ConnectionLoggerOptions>(o => o.ApplyEnvironment(key => configuration[key]));
        services.AddConnectionLogPublishing(configuration, key => configuration[key], sp => sp.GetRequiredService<IOptions<GatewayOptions>>().Value.InstanceId);
        services.Configure<KestrelServerOptions>(o =>
            o.Limits.MaxRequestBodySize = configuration.GetValue<long?>($"{GatewayOptions.Section}:{nameof(GatewayOptions.MaxRequestBodyBytes)}")
                ?? new GatewayOptions().MaxRequestBodyBytes);

        services.AddSingleton(TimeProvider.System);
        services.AddSingleton(sp => ActorSystem.Create("connectivity", new ActorSystemSettings { TimeProvider = sp.GetRequiredService<TimeProvider>() }));
        services.AddSingleton<IConnectionClientFactory, HttpPushClientFactory>();
        services.AddSingleton<IConnectionClientFactory>(new MqttConnectionClientFactory(ConnectionType.Mqtt));
        services.AddSingleton<IConnectionClientFactory>(new MqttConnectionClientFactory(ConnectionType.Mqtt5));
        services.AddSingleton(Options.Create(ReadMapping(configuration)));
        services.AddSingleton<LocalSignalRouter>();
        services.AddSingleton<ISignalRouter>(sp => cluster.Enabled ? ClusterSignalRouters.Create(sp) : sp.GetRequiredService<LocalSignalRouter>());
        services.AddSingleton<ConnectivityDispatcher>();
        services.AddSingleton<LocalInstance>();
        services.AddSingleton<IConnectivityInstances>(sp => cluster.Enabled
            ? ActivatorUtilities.CreateInstance<ClusterInstances>(sp)
            : sp.GetRequiredService<LocalInstance>());
        services.AddHostedService<ConnectivityRuntime>();
        services.AddHostedService<DevOpsAuthStartupCheck>();
        return builder;
    }

    /// <summary>Cluster mode from <c>Connectivity:Cluster</c> and the environment variables documented on <see cref="ClusterModeOptions"/>.</summary>
    private static ClusterModeOptions ReadClusterMode(IConfiguration configuration)
    {
        var options = configuration.GetSection(ClusterModeOptions.Section).Get<ClusterModeOptions>() ?? new ClusterModeOptions();
        options.Enabled = options.Enabled || configuration.GetValue<bool>("CONNECTIVITY_CLUSTER");
        options.PostgresConnectionString = configuration["CONNECTIVITY_POSTGRES"] ?? options.PostgresConnectionString;
        options.Schema = configuration["CONNECTIVITY_POSTGRES_SCHEMA"] ?? options.Schema;
        options.NodeId = configuration["CONNECTIVITY_NODE_ID"] ?? options.NodeId;
        options.InternalUrl = configuration["CONNECTIVITY_INTERNAL_URL"] ?? options.InternalUrl;
        options.AdvertisedUrl = configuration["CONNECTIVITY_ADVERTISED_URL"] ?? options.AdvertisedUrl;
        options.Secret = configuration["CONNECTIVITY_CLUSTER_SECRET"] ?? options.Secret;
        if (options.Enabled && string.IsNullOrWhiteSpace(options.PostgresConnectionString))
        {
            throw new InvalidOperationException("Cluster mode needs a PostgreSQL connection string: set CONNECTIVITY_POSTGRES or Connectivity:Cluster:PostgresConnectionString.");
        }

        return options;
    }

    /// <summary>Connection limits and host rules from <c>Connectivity:Limits</c>, with Ditto's variables <c>CONNECTION_SOURCE_NUMBER</c> and <c>CONNECTION_TARGET_NUMBER</c>.</summary>
    private static ConnectivityLimits ReadLimits(IConfiguration configuration)
    {
        var limits = configuration.GetSection("Connectivity:Limits").Get<ConnectivityLimits>() ?? ConnectivityLimits.Default;
        return limits with
        {
            MaxSources = configuration.GetValue<int?>("CONNECTION_SOURCE_NUMBER") ?? limits.MaxSources,
            MaxTargets = configuration.GetValue<int?>("CONNECTION_TARGET_NUMBER") ?? limits.MaxTargets,
        };
    }

    /// <summary>Payload mapping limits from <c>Connectivity:Mapping</c>; a value out of range stops the start, naming it.</summary>
    private static MappingSettings ReadMapping(IConfiguration configuration)
    {
        const string section = "Connectivity:Mapping";
        var settings = configuration.GetSection(section).Get<MappingSettings>() ?? MappingSettings.Default;
        try
        {
            return settings.Validate();
        }
        catch (ArgumentOutOfRangeException e)
        {
            throw new InvalidOperationException($"{section} is invalid: {e.Message}", e);
        }
    }

    public static WebApplication MapConnectivityEndpoints(this WebApplication app)
    {
        app.UseMiddleware<Gateway.Http.DittoErrorMiddleware>();
        app.UseRouting();
        app.UseMiddleware<DevOpsBasicAuthMiddleware>();
        app.MapGet("/health", () => Results.Ok(new { status = "UP" }));
        app.MapGatewayApis();
        if (app.Services.GetRequiredService<IOptions<ClusterModeOptions>>().Value.Enabled)
        {
            app.MapClusterTransport(app.Services.GetRequiredService<ClusterNode>().Transport);
        }

        return app;
    }
}
