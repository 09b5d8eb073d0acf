using System.Runtime.CompilerServices;
using Connectivity.Gateway.Tests.Infrastructure;
using Connectivity.Server.Hosting;
using Connectivity.TestKit.Logging;
using Xunit;

namespace Connectivity.Gateway.Tests;

/// <summary>The server logs faulted tasks that nobody observed, with their exception.</summary>
public sealed class UnobservedTaskExceptionLogTests
{
    [Fact]
    public async Task A_faulted_task_nobody_observes_should_be_logged_as_a_warning_with_its_exception()
    {
        using var provider = new RecordingLoggerProvider();
        using var log = new UnobservedTaskExceptionLog(provider.CreateLogger("test"));

        await Eventually.UntilAsync(
            () =>
            {
                FaultAndForget();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                return Task.FromResult(provider.Lines.Any(l => l.Contains("forgotten on purpose", StringComparison.Ordinal)));
            },
            logged => logged,
            TimeSpan.FromSeconds(10),
            logged => $"logged: {logged}; lines: {string.Join(" | ", provider.Lines)}");

        Assert.True(log.Count >= 1);
        Assert.Contains(provider.Lines, l => l.StartsWith("A faulted task was never observed", StringComparison.Ordinal));
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void FaultAndForget() => _ = Task.Run(() => throw new InvalidOperationException("forgotten on purpose"));
}
