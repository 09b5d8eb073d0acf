using Microsoft.Extensions.Options;

namespace Connectivity.Service.Monitoring.Fluent;

/// <summary>
/// Rejects <see cref="ConnectionLogPublisherOptions"/> that cannot work: unknown log levels, and when publishing is
/// enabled an empty host, a port outside 1–65535, non-positive timeouts, intervals or sizes, a chunk larger than the
/// buffer, negative retries or a base retry interval above the maximum.
/// </summary>
public sealed class ConnectionLogPublisherOptionsValidator : IValidateOptions<ConnectionLogPublisherOptions>
{
    public ValidateOptionsResult Validate(string? name, ConnectionLogPublisherOptions options)
    {
        var failures = new List<string>();
        try
        {
            options.ParseLogLevels();
        }
        catch (FormatException e)
        {
            failures.Add($"{nameof(options.LogLevels)}: {e.Message}");
        }

        if (options.Enabled)
        {
            ValidateFluency(options.Fluency, failures);
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    private static void ValidateFluency(FluencyOptions fluency, List<string> failures)
    {
        const string prefix = nameof(ConnectionLogPublisherOptions.Fluency) + ":";
        if (string.IsNullOrWhiteSpace(fluency.Host))
        {
            failures.Add($"{prefix}{nameof(fluency.Host)} must not be empty.");
        }

        if (fluency.Port is < 1 or > 65535)
        {
            failures.Add($"{prefix}{nameof(fluency.Port)} must be between 1 and 65535, not {fluency.Port}.");
        }

        RequirePositive(fluency.ConnectionTimeout, $"{prefix}{nameof(fluency.ConnectionTimeout)}", failures);
        RequirePositive(fluency.ReadTimeout, $"{prefix}{nameof(fluency.ReadTimeout)}", failures);
        RequirePositive(fluency.FlushAttemptInterval, $"{prefix}{nameof(fluency.FlushAttemptInterval)}", failures);
        RequirePositive(fluency.SenderBaseRetryInterval, $"{prefix}{nameof(fluency.SenderBaseRetryInterval)}", failures);
        RequirePositive(fluency.SenderMaxRetryInterval, $"{prefix}{nameof(fluency.SenderMaxRetryInterval)}", failures);
        if (fluency.WaitUntilBufferFlushed < TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(fluency.WaitUntilBufferFlushed)} must not be negative.");
        }

        if (fluency.BufferChunkRetentionTime < TimeSpan.Zero)
        {
            failures.Add($"{prefix}{nameof(fluency.BufferChunkRetentionTime)} must not be negative.");
        }

        if (fluency.MaxBufferSize <= 0)
        {
            failures.Add($"{prefix}{nameof(fluency.MaxBufferSize)} must be positive.");
        }

        if (fluency.BufferChunkRetentionSize <= 0 || fluency.BufferChunkRetentionSize > fluency.MaxBufferSize)
        {
            failures.Add($"{prefix}{nameof(fluency.BufferChunkRetentionSize)} must be positive and at most {nameof(fluency.MaxBufferSize)}.");
        }

        if (fluency.SenderMaxRetryCount < 0)
        {
            failures.Add($"{prefix}{nameof(fluency.SenderMaxRetryCount)} must not be negative.");
        }

        if (fluency.SenderBaseRetryInterval > fluency.SenderMaxRetryInterval)
        {
            failures.Add($"{prefix}{nameof(fluency.SenderBaseRetryInterval)} must not exceed {nameof(fluency.SenderMaxRetryInterval)}.");
        }
    }

    private static void RequirePositive(TimeSpan value, string name, List<string> failures)
    {
        if (value <= TimeSpan.Zero)
        {
            failures.Add($"{name} must be positive.");
        }
    }
}
