using System.Collections.Concurrent;
using System.Diagnostics;
using System.Runtime.ExceptionServices;

namespace Connectivity.Service.Mapping.JavaScript;

/// <summary>
/// The threads every Jint parse and execution runs on.
/// <para>
/// Stack: Jint 2.x interprets recursively and a .NET stack overflow ends the process, so scripts run on threads whose
/// stack holds the deepest nesting the sandbox allows: a getter recursing into itself costs about 2 KiB per level and
/// runs at most <see cref="MappingSettings.StatementsLimit"/> levels; data nested by the top level of both scripts,
/// the mapping call and built-in callbacks (four budgets) costs under 1 KiB per level when <c>JSON.stringify</c> walks
/// it; the deepest expression a script of <see cref="MappingSettings.ScriptSizeLimit"/> bytes can hold fits (a test loads
/// one; a 50 000-byte one needs less than 64 MiB). 512 MiB are reserved per thread
/// (committed only as used).
/// </para>
/// <para>
/// Time: Jint checks its time limit between statements, so a long built-in call (sorting a huge array) overruns it.
/// A caller waits at most its deadline after its work started, then gets a <see cref="TimeoutException"/>; the thread
/// finishes the abandoned work and retires, and a new thread takes its place (up to
/// <see cref="MaxAbandonedThreads"/> at a time, beyond which work waits for a thread).
/// </para>
/// </summary>
internal static class JavaScriptThreads
{
    /// <summary>Stack of each thread.</summary>
    public const int StackSize = 512 * 1024 * 1024;

    private static readonly int PoolSize = Math.Max(2, Environment.ProcessorCount);
    private static readonly int MaxAbandonedThreads = PoolSize * 4;
    private static readonly BlockingCollection<WorkItem> Queue = [];
    private static readonly Lock Gate = new();
    private static int threadCount;
    private static int abandonedThreads;

    /// <summary>
    /// Runs <paramref name="work"/> on a sandbox thread and returns its result or rethrows its exception; throws
    /// <see cref="TimeoutException"/> when it runs longer than <paramref name="deadline"/>.
    /// </summary>
    public static T Run<T>(Func<T> work, TimeSpan deadline)
    {
        EnsureThreads();
        var item = new WorkItem(() => work());
        Queue.Add(item);
        return (T)item.Await(deadline)!;
    }

    private static void EnsureThreads()
    {
        lock (Gate)
        {
            while (threadCount - abandonedThreads < PoolSize && abandonedThreads <= MaxAbandonedThreads)
            {
                threadCount++;
                new Thread(Work, StackSize) { IsBackground = true, Name = $"javascript-mapping-{threadCount}" }.Start();
            }
        }
    }

    private static void Abandoned()
    {
        lock (Gate)
        {
            abandonedThreads++;
        }

        EnsureThreads();
    }

    private static void Work()
    {
        foreach (var item in Queue.GetConsumingEnumerable())
        {
            if (!item.Execute())
            {
                // The caller gave up on this work and a new thread took this one's place.
                lock (Gate)
                {
                    abandonedThreads--;
                    threadCount--;
                }

                return;
            }
        }
    }

    private sealed class WorkItem(Func<object?> work)
    {
        private const int Running = 1, Done = 2, Abandoned = 3;
        private readonly object gate = new();
        private int state;
        private long startedAt;
        private object? result;
        private ExceptionDispatchInfo? error;

        /// <summary>Runs the work; false if the caller abandoned it meanwhile.</summary>
        public bool Execute()
        {
            lock (gate)
            {
                startedAt = Stopwatch.GetTimestamp();
                state = Running;
                Monitor.PulseAll(gate);
            }

            try
            {
                result = work();
            }
            catch (Exception e)
            {
                error = ExceptionDispatchInfo.Capture(e);
            }

            lock (gate)
            {
                if (state == Abandoned)
                {
                    return false;
                }

                state = Done;
                Monitor.PulseAll(gate);
                return true;
            }
        }

        public object? Await(TimeSpan deadline)
        {
            lock (gate)
            {
                while (state != Done)
                {
                    if (state == Running && Stopwatch.GetElapsedTime(startedAt) > deadline)
                    {
                        state = Abandoned;
                        break;
                    }

                    Monitor.Wait(gate, state == Running ? Remaining(deadline) : Timeout.InfiniteTimeSpan);
                }
            }

            if (state == Abandoned)
            {
                JavaScriptThreads.Abandoned();
                throw new TimeoutException();
            }

            error?.Throw();
            return result;
        }

        private TimeSpan Remaining(TimeSpan deadline) =>
            TimeSpan.FromTicks(Math.Max(TimeSpan.TicksPerMillisecond, (deadline - Stopwatch.GetElapsedTime(startedAt)).Ticks + TimeSpan.TicksPerMillisecond));
    }
}
