using Connectivity.Service.Monitoring.Fluent;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Xunit;
using ModelLogLevel = Connectivity.Model.Monitoring.LogLevel;

namespace Connectivity.Service.Tests.Monitoring.Fluent;

public class ConnectionLogPublisherOptionsTests
{
    [Fact]
    public void Defaults_should_match_ditto_configuration_when_nothing_is_set()
    {
        var options = new ConnectionLogPublisherOptions();
        var fluency = options.Fluency;

        Assert.False(options.Enabled);
        Assert.Equal([ModelLogLevel.Success, ModelLogLevel.Failure], options.ParseLogLevels().Order());
        Assert.Equal("connection:my-conn", options.TagFor("my-conn"));
        Assert.Equal(("localhost", 24224, false), (fluency.Host, fluency.Port, fluency.SslEnabled));
        Assert.Equal((64L * 1024 * 1024, 4L * 1024 * 1024), (fluency.MaxBufferSize, fluency.BufferChunkRetentionSize));
        Assert.Equal((TimeSpan.FromMilliseconds(600), TimeSpan.FromSeconds(1)), (fluency.FlushAttemptInterval, fluency.BufferChunkRetentionTime));
        Assert.Equal((7, TimeSpan.FromMilliseconds(400), TimeSpan.FromSeconds(30)),
            (fluency.SenderMaxRetryCount, fluency.SenderBaseRetryInterval, fluency.SenderMaxRetryInterval));
        Assert.False(fluency.AckResponseMode);
        Assert.Equal(ForwardMode.PackedForward, fluency.Mode);
    }

    [Fact]
    public void ApplyEnvironment_should_override_settings_when_ditto_variables_are_set()
    {
        var environment = new Dictionary<string, string?>
        {
            ["CONNECTIVITY_LOGGER_PUBLISHER_ENABLED"] = "true",
            ["CONNECTIVITY_LOGGER_PUBLISHER_LOG_TAG"] = "ditto.connections",
            ["CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_HOST"] = "fluent-bit",
            ["CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_PORT"] = "24225",
            ["CONNECTIVITY_LOGGER_PUBLISHER_LOG_LEVELS"] = "failure",
        };

        var options = new ConnectionLogPublisherOptions().ApplyEnvironment(environment.GetValueOrDefault);

        Assert.True(options.Enabled);
        Assert.Equal("ditto.connections", options.TagFor("my-conn"));
        Assert.Equal(("fluent-bit", 24225), (options.Fluency.Host, options.Fluency.Port));
        Assert.Equal([ModelLogLevel.Failure], options.ParseLogLevels());
    }

    [Theory]
    [InlineData("CONNECTIVITY_LOGGER_PUBLISHER_ENABLED", "maybe")]
    [InlineData("CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_PORT", "high")]
    public void ApplyEnvironment_should_reject_a_malformed_value_when_set(string variable, string value)
    {
        var environment = new Dictionary<string, string?> { [variable] = value };

        var error = Assert.Throws<FormatException>(() => new ConnectionLogPublisherOptions().ApplyEnvironment(environment.GetValueOrDefault));

        Assert.Contains(variable, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("success,failure", new[] { ModelLogLevel.Success, ModelLogLevel.Failure })]
    [InlineData("FAILURE", new[] { ModelLogLevel.Failure })]
    [InlineData("[\"success\", \"failure\"]", new[] { ModelLogLevel.Success, ModelLogLevel.Failure })]
    [InlineData(" success ", new[] { ModelLogLevel.Success })]
    [InlineData("", new ModelLogLevel[0])]
    public void ParseLogLevels_should_accept_lists_when_written_as_csv_or_hocon(string text, ModelLogLevel[] expected) =>
        Assert.Equal(expected, new ConnectionLogPublisherOptions { LogLevels = text }.ParseLogLevels().Order());

    [Fact]
    public void Validator_should_reject_unknown_levels_and_a_bad_endpoint_when_enabled()
    {
        var options = new ConnectionLogPublisherOptions { Enabled = true, LogLevels = "success,debug" };
        options.Fluency.Host = " ";
        options.Fluency.Port = 0;
        options.Fluency.BufferChunkRetentionSize = options.Fluency.MaxBufferSize + 1;
        options.Fluency.SenderBaseRetryInterval = TimeSpan.FromMinutes(1);

        var result = new ConnectionLogPublisherOptionsValidator().Validate(null, options);

        Assert.True(result.Failed);
        var failures = result.Failures!.ToList();
        Assert.Contains(failures, f => f.Contains("debug", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Fluency:Host", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Fluency:Port", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Fluency:BufferChunkRetentionSize", StringComparison.Ordinal));
        Assert.Contains(failures, f => f.Contains("Fluency:SenderBaseRetryInterval", StringComparison.Ordinal));
    }

    [Fact]
    public void Validator_should_ignore_the_endpoint_when_publishing_is_disabled()
    {
        var options = new ConnectionLogPublisherOptions();
        options.Fluency.Port = 0;

        Assert.True(new ConnectionLogPublisherOptionsValidator().Validate(null, options).Succeeded);
    }

    [Fact]
    public void AddConnectionLogPublishing_should_bind_configuration_and_let_variables_win_when_both_are_set()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Connectivity:Logger:Publisher:Enabled"] = "true",
            ["Connectivity:Logger:Publisher:LogTag"] = "from-settings",
            ["Connectivity:Logger:Publisher:AdditionalLogContext:cluster"] = "eu-1",
            ["Connectivity:Logger:Publisher:Fluency:Host"] = "settings-host",
            ["Connectivity:Logger:Publisher:Fluency:Port"] = "1234",
            ["Connectivity:Logger:Publisher:Fluency:AckResponseMode"] = "true",
            ["Connectivity:Logger:Publisher:Fluency:FlushAttemptInterval"] = "00:00:00.250",
            ["Connectivity:Logger:Publisher:Fluency:Mode"] = "Forward",
        }).Build();
        var environment = new Dictionary<string, string?> { ["CONNECTIVITY_LOGGER_PUBLISHER_FLUENCY_HOST"] = "env-host" };
        using var provider = new ServiceCollection().AddLogging().AddConnectionLogPublishing(configuration, environment.GetValueOrDefault).BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ConnectionLogPublisherOptions>>().Value;

        Assert.True(options.Enabled);
        Assert.Equal("from-settings", options.LogTag);
        Assert.Equal("eu-1", options.AdditionalLogContext["cluster"]);
        Assert.Equal(("env-host", 1234), (options.Fluency.Host, options.Fluency.Port));
        Assert.True(options.Fluency.AckResponseMode);
        Assert.Equal(TimeSpan.FromMilliseconds(250), options.Fluency.FlushAttemptInterval);
        Assert.Equal(ForwardMode.Forward, options.Fluency.Mode);
    }

    [Fact]
    public void AddConnectionLogPublishing_should_fail_validation_when_a_variable_names_an_unknown_level()
    {
        var configuration = new ConfigurationBuilder().Build();
        var environment = new Dictionary<string, string?> { ["CONNECTIVITY_LOGGER_PUBLISHER_LOG_LEVELS"] = "warn" };
        using var provider = new ServiceCollection().AddLogging().AddConnectionLogPublishing(configuration, environment.GetValueOrDefault).BuildServiceProvider();

        var error = Assert.Throws<OptionsValidationException>(() => provider.GetRequiredService<IOptions<ConnectionLogPublisherOptions>>().Value);

        Assert.Contains("warn", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Publisher_should_have_no_client_when_publishing_is_disabled()
    {
        await using var publisher = new ConnectionLogPublisher(new ConnectionLogPublisherOptions(), "node-1", TimeProvider.System, NullLoggerFactory.Instance);

        publisher.Publish("c", new Model.Monitoring.LogEntry(null, DateTimeOffset.UnixEpoch, Model.Monitoring.LogCategory.Connection,
            Model.Monitoring.LogType.Other, ModelLogLevel.Success, "m"));

        Assert.False(publisher.IsEnabled);
        Assert.Null(publisher.Client);
    }
}
