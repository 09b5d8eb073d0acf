using System.Diagnostics;

namespace Connectivity.TestKit.Processes;

/// <summary>Runs a helper command (shell scripts, <c>kill</c>, <c>pg_ctl</c>) to its end.</summary>
public static class ProcessRunner
{
    /// <summary>Runs <paramref name="file"/> in <paramref name="directory"/> and returns its stdout; throws on a non-zero exit.</summary>
    public static async Task<string> RunAsync(string file, IEnumerable<string> arguments, string directory)
    {
        var info = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = directory };
        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        using var process = Process.Start(info) ?? throw new InvalidOperationException($"{file} did not start");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException($"{file} {string.Join(' ', info.ArgumentList)} exited with {process.ExitCode}:\n{await output}\n{await error}");
        }

        return await output;
    }
}
