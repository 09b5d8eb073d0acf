using Connectivity.Service.Monitoring;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Xunit;

namespace Connectivity.Service.Tests.Monitoring;

public class ConnectionLoggerOptionsTests
{
    [Fact]
    public void Defaults_should_match_ditto_configuration_when_nothing_is_set()
    {
        var options = new ConnectionLoggerOptions();

        Assert.Equal((10, 10, 250_000L), (options.SuccessCapacity, options.FailureCapacity, options.MaxLogSizeBytes));
        Assert.Equal(TimeSpan.FromHours(1), options.LogDuration);
        Assert.Equal(TimeSpan.FromMinutes(5), options.LoggingActiveCheckInterval);
    }

    [Fact]
    public void ApplyEnvironment_should_override_settings_when_ditto_variables_are_set()
    {
        var environment = new Dictionary<string, string?>
        {
            ["CONNECTIVITY_LOGGER_SUCCESS_CAPACITY"] = "3",
            ["CONNECTIVITY_LOGGER_FAILURE_CAPACITY"] = "7",
            ["CONNECTIVITY_LOGGER_LOG_DURATION"] = "24h",
        };

        var options = new ConnectionLoggerOptions().ApplyEnvironment(environment.GetValueOrDefault);

        Assert.Equal((3, 7), (options.SuccessCapacity, options.FailureCapacity));
        Assert.Equal(TimeSpan.FromHours(24), options.LogDuration);
    }

    [Fact]
    public void ApplyEnvironment_should_reject_a_malformed_value_when_set()
    {
        var options = new ConnectionLoggerOptions();

        Assert.Throws<FormatException>(() => options.ApplyEnvironment(name => name == ConnectionLoggerOptions.LogDurationVariable ? "soon" : null));
    }

    [Theory]
    [InlineData("500ms", 0.5)]
    [InlineData("90s", 90)]
    [InlineData("30m", 1800)]
    [InlineData("1d", 86400)]
    [InlineData("PT1H", 3600)]
    [InlineData("00:05:00", 300)]
    public void ParseDuration_should_accept_hocon_iso_and_timespan_forms_when_parsing(string text, double seconds) =>
        Assert.Equal(TimeSpan.FromSeconds(seconds), ConnectionLoggerOptions.ParseDuration(text));

    [Fact]
    public void AddConnectionMonitoring_should_bind_the_section_then_apply_environment_when_registered()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Connectivity:Logger:SuccessCapacity"] = "4",
                ["Connectivity:Logger:LogDuration"] = "02:00:00",
            })
            .Build();
        using var provider = new ServiceCollection()
            .AddConnectionMonitoring(configuration, name => name == ConnectionLoggerOptions.FailureCapacityVariable ? "6" : null)
            .BuildServiceProvider();

        var options = provider.GetRequiredService<IOptions<ConnectionLoggerOptions>>().Value;

        Assert.Equal((4, 6), (options.SuccessCapacity, options.FailureCapacity));
        Assert.Equal(TimeSpan.FromHours(2), options.LogDuration);
    }

    [Fact]
    public void Validator_should_fail_when_capacities_are_negative()
    {
        var result = new ConnectionLoggerOptionsValidator().Validate(null, new ConnectionLoggerOptions { SuccessCapacity = -1 });

        Assert.True(result.Failed);
    }
}
