using Connectivity.TestKit.Logging;
using Connectivity.Actors;
using Connectivity.Model.Connections;
using Connectivity.Model.Headers;
using Connectivity.Model.Monitoring;
using Connectivity.Service.Clients;
using Connectivity.Service.Monitoring;
using Microsoft.Extensions.Logging;
using Xunit;
using Connectivity.TestKit.Time;

namespace Connectivity.Service.Tests.Clients;

/// <summary>One <see cref="ClientActor"/> on a manual clock with a scripted client factory, recording announcements and logs.</summary>
public sealed class ClientActorHarness : IAsyncDisposable
{
    public const string Password = "s3cret-pass";

    private readonly ILoggerFactory loggerFactory;

    /// <param name="factory">The factory of the client's connections; default <see cref="Factory"/>, which the test scripts.</param>
    public ClientActorHarness(
        ClientActorSettings? settings = null, Connection? connection = null, bool announcementsEnabled = false, IConnectionClientFactory? factory = null)
    {
        Settings = settings ?? DefaultSettings;
        Connection = connection ?? DefaultConnection;
        Announcements = new RecordingAnnouncements(announcementsEnabled);
        loggerFactory = LoggerFactory.Create(builder => builder.AddProvider(ServiceLog).SetMinimumLevel(Microsoft.Extensions.Logging.LogLevel.Trace));
        ConnectionLog = new ConnectionLogger(Connection.Id, new ConnectionLoggerOptions(), Clock);
        ConnectionLog.Enable();
        Metrics = new ConnectionMetricsCollector(Clock);
        System = ActorSystem.Create("client-tests", new ActorSystemSettings { TimeProvider = Clock });
        Client = System.ActorOf(
            ClientActor.Props(Connection, 0, factory ?? Factory, Settings, ConnectionLog, Metrics, Announcements, loggerFactory),
            "client-0");
    }

    public static ClientActorSettings DefaultSettings { get; } = new()
    {
        ConnectingMinTimeout = TimeSpan.FromSeconds(50),
        ConnectingMaxTimeout = TimeSpan.FromMinutes(10),
        ConnectingMaxTries = 5,
        MinBackoff = TimeSpan.FromSeconds(5),
        MaxBackoff = TimeSpan.FromMinutes(1),
        DisconnectingMaxTimeout = TimeSpan.FromSeconds(5),
        DisconnectAnnouncementTimeout = TimeSpan.FromSeconds(3),
        TestingTimeout = TimeSpan.FromSeconds(10),
        InstanceId = "node-1",
    };

    public static Connection DefaultConnection { get; } = new()
    {
        Id = "conn-1",
        Type = ConnectionType.Mqtt5,
        ConnectionStatus = ConnectivityStatus.Open,
        Uri = $"tcp://user:{Password}@broker.example:1883",
        Sources = [new Source { Addresses = ["telemetry/#", "events/#"], ConsumerCount = 2 }],
        Targets = [new Target { Address = "commands/out" }],
    };

    public ManualTimeProvider Clock { get; } = new();

    public ScriptedConnectionClientFactory Factory { get; } = new();

    public RecordingLoggerProvider ServiceLog { get; } = new();

    public RecordingAnnouncements Announcements { get; }

    public ConnectionLogger ConnectionLog { get; }

    public ConnectionMetricsCollector Metrics { get; }

    public ClientActorSettings Settings { get; }

    public Connection Connection { get; }

    public ActorSystem System { get; }

    public IActorRef Client { get; }

    /// <summary>Asks the client actor and returns the raw reply (a <see cref="Status.Failure"/> included).</summary>
    public async Task<object> AskAsync(object message)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        return await Client.Ask(message, Timeout.InfiniteTimeSpan, patience.Token);
    }

    public async Task<ClientStatusReport> StatusAsync() => Assert.IsType<ClientStatusReport>(await AskAsync(RetrieveClientStatus.Instance));

    /// <summary>Asks for the status until <paramref name="condition"/> holds.</summary>
    public async Task<ClientStatusReport> StatusWhenAsync(Func<ClientStatusReport, bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (true)
        {
            var report = await StatusAsync();
            if (condition(report))
            {
                return report;
            }

            await Task.Yield();
            patience.Token.ThrowIfCancellationRequested();
        }
    }

    /// <summary>Waits until the connection log holds <paramref name="count"/> entries (the actor logs after arming its timers), then returns the status.</summary>
    public async Task<ClientStatusReport> LoggedAsync(int count)
    {
        await StatusWhenAsync(_ => ConnectionLogEntries().Count >= count);
        return await StatusAsync();
    }

    /// <summary>The connection log entries, oldest first.</summary>
    public IReadOnlyList<LogEntry> ConnectionLogEntries() => ConnectionLog.Retrieve(DittoHeaders.Empty).ConnectionLogs;

    public async ValueTask DisposeAsync()
    {
        await System.DisposeAsync();
        loggerFactory.Dispose();
    }
}
