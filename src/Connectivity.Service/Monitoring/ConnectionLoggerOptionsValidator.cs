using Microsoft.Extensions.Options;

namespace Connectivity.Service.Monitoring;

/// <summary>Rejects <see cref="ConnectionLoggerOptions"/> with negative capacities or non-positive budgets and durations.</summary>
public sealed class ConnectionLoggerOptionsValidator : IValidateOptions<ConnectionLoggerOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionLoggerOptions options)
    {
        var failures = new List<string>();
        if (options.SuccessCapacity < 0)
        {
            failures.Add($"{nameof(options.SuccessCapacity)} must not be negative.");
        }

        if (options.FailureCapacity < 0)
        {
            failures.Add($"{nameof(options.FailureCapacity)} must not be negative.");
        }

        if (options.MaxLogSizeBytes <= 0)
        {
            failures.Add($"{nameof(options.MaxLogSizeBytes)} must be positive.");
        }

        if (options.LogDuration <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.LogDuration)} must be positive.");
        }

        if (options.LoggingActiveCheckInterval <= TimeSpan.Zero)
        {
            failures.Add($"{nameof(options.LoggingActiveCheckInterval)} must be positive.");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
