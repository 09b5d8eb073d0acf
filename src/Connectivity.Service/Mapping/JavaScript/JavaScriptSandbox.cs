using System.Collections.Concurrent;
using System.Globalization;
using Jint;
using Jint.Parser;
using Jint.Parser.Ast;
using Jint.Runtime;

namespace Connectivity.Service.Mapping.JavaScript;

/// <summary>
/// Compiled mapping scripts and the sandbox they run in (spec §7.2). Scripts are parsed once; an engine gets Jint's
/// limits (time, statements, call depth, no CLR access), the <see cref="JavaScriptHardening"/> guards, the runtime
/// (<c>sandbox.js</c>, <c>ditto-scope.js</c>, <c>mapping-wrappers.js</c>) and the user's scripts executed in that
/// order, and is kept for later calls (up to <see cref="MaxIdleEngines"/> idle), its limits and guards reset before
/// each: as with Ditto's reused Rhino scope, globals a script changes persist into later messages of that engine. An
/// engine whose call failed is discarded. Calls run on a <see cref="JavaScriptThreads"/> thread; failures become
/// <see cref="MessageMappingException"/>s naming the cause.
/// </summary>
internal sealed class JavaScriptSandbox
{
    /// <summary>How long compiling may take beyond the execution time limit (parsing is bounded by the script size only).</summary>
    private static readonly TimeSpan CompileTime = TimeSpan.FromSeconds(5);

    /// <summary>How long a call may overrun the execution time limit before its caller stops waiting.</summary>
    private static readonly TimeSpan Grace = TimeSpan.FromMilliseconds(100);

    private static readonly Lazy<IReadOnlyList<Program>> Runtime = new(
        () => JavaScriptThreads.Run(() => (IReadOnlyList<Program>)[.. new[] { "sandbox.js", "ditto-scope.js", "mapping-wrappers.js" }.Select(LoadRuntime)], CompileTime),
        LazyThreadSafetyMode.ExecutionAndPublication);

    /// <summary>How many initialized engines a mapper keeps for reuse.</summary>
    private const int MaxIdleEngines = 8;

    private readonly MappingSettings settings;
    private readonly IReadOnlyList<Program> scripts;
    private readonly ConcurrentBag<(Engine Engine, JavaScriptHardening Hardening)> idle = [];

    private JavaScriptSandbox(MappingSettings settings, IReadOnlyList<Program> scripts)
    {
        this.settings = settings;
        this.scripts = scripts;
    }

    /// <summary>
    /// Compiles <paramref name="sources"/> and runs their top level once in a sandbox, as Ditto does when it configures
    /// the mapper; throws <see cref="JavaScriptLoadException"/> saying what is wrong.
    /// </summary>
    public static JavaScriptSandbox Create(MappingSettings settings, IReadOnlyList<JavaScriptSource> sources)
    {
        var runtime = Runtime.Value;
        try
        {
            return JavaScriptThreads.Run(
                () =>
                {
                    var sandbox = new JavaScriptSandbox(settings, [.. sources.Select(Compile)]);
                    sandbox.idle.Add(sandbox.NewEngine(runtime));
                    return sandbox;
                },
                settings.MaxScriptExecutionTime + CompileTime);
        }
        catch (Exception e) when (e is not JavaScriptLoadException)
        {
            throw new JavaScriptLoadException($"The script failed to load: {Describe(e, settings)}", e);
        }
    }

    /// <summary>
    /// Calls the runtime's entry point <paramref name="function"/> with <paramref name="argumentJson"/> in an idle
    /// engine (or a new one) and returns its JSON text result (null: the script returned null or undefined).
    /// </summary>
    public string? Call(string function, string argumentJson)
    {
        var runtime = Runtime.Value;
        try
        {
            return JavaScriptThreads.Run(
                () =>
                {
                    var (engine, hardening) = idle.TryTake(out var kept) ? kept : NewEngine(runtime);
                    hardening.Reset();
                    engine.ResetStatementsCount();
                    engine.ResetTimeoutTicks();
                    engine.ResetCallStack();
                    var result = engine.Invoke(function, argumentJson);
                    var text = result.IsNull() || result.IsUndefined() ? null : result.AsString();
                    if (idle.Count < MaxIdleEngines)
                    {
                        idle.Add((engine, hardening));
                    }

                    return text;
                },
                settings.MaxScriptExecutionTime + Grace);
        }
        catch (Exception e)
        {
            throw new MessageMappingException(Describe(e, settings), e);
        }
    }

    private (Engine Engine, JavaScriptHardening Hardening) NewEngine(IReadOnlyList<Program> runtime)
    {
        var engine = new Engine(options => options
            .TimeoutInterval(settings.MaxScriptExecutionTime)
            .MaxStatements(settings.MaxScriptStatements)
            .LimitRecursion(settings.MaxScriptStackDepth)
            .LocalTimeZone(TimeZoneInfo.Utc)
            .Culture(CultureInfo.InvariantCulture));
        var hardening = JavaScriptHardening.Apply(engine, settings);
        foreach (var program in runtime)
        {
            engine.Execute(program);
        }

        foreach (var program in scripts)
        {
            engine.Execute(program);
        }

        return (engine, hardening);
    }

    private static Program Compile(JavaScriptSource source)
    {
        try
        {
            var parsed = new JavaScriptParser().Parse(source.Code, new ParserOptions { Source = source.Name, Tokens = true });
            var code = RegexLiteralRewriter.Rewrite(source.Code, parsed.Tokens);
            return ReferenceEquals(code, source.Code) ? parsed : new JavaScriptParser().Parse(code, new ParserOptions { Source = source.Name });
        }
        catch (ParserException e)
        {
            throw new JavaScriptLoadException($"The {source.Name} does not compile: {e.Description} (line {e.LineNumber}, column {e.Column}).", e);
        }
    }

    private static Program LoadRuntime(string file)
    {
        using var stream = typeof(JavaScriptSandbox).Assembly.GetManifestResourceStream($"{typeof(JavaScriptSandbox).Namespace}.{file}")
            ?? throw new InvalidOperationException($"The embedded script '{file}' is missing.");
        using var reader = new StreamReader(stream);
        return Compile(new JavaScriptSource(file, reader.ReadToEnd()));
    }

    private static string Describe(Exception e, MappingSettings settings) => e switch
    {
        TimeoutException => $"The script exceeded its time limit of {settings.MaxScriptExecutionTime.TotalMilliseconds} ms.",
        StatementsCountOverflowException => $"The script exceeded its limit of {settings.MaxScriptStatements} statements.",
        RecursionDepthOverflowException r => $"The script exceeded its call depth of {settings.MaxScriptStackDepth} ({r.CallChain}).",
        JavaScriptException js => $"The script threw {js.Error}{Position(js)}.",
        MessageMappingException => e.Message,
        OutOfMemoryException => "The script ran out of memory.",
        _ => $"The script failed: {e.GetType().Name}: {e.Message}",
    };

    private static string Position(JavaScriptException e) =>
        e.Location is { Source: { } source } location ? $" ({source} line {location.Start.Line}, column {location.Start.Column})" : string.Empty;
}
