namespace Connectivity.Service.Mapping;

/// <summary>
/// Limits of payload mapping (spec §7.1, §7.2; Ditto's <c>ditto.connectivity.mapping</c>; the server reads them from
/// <c>Connectivity:Mapping</c>): messages per mapper and the JavaScript sandbox. <see cref="Validate"/> rejects values
/// the sandbox cannot honour.
/// </summary>
public sealed record MappingSettings
{
    /// <summary>The highest <see cref="MaxScriptStatements"/> the sandbox threads' stacks are sized for.</summary>
    public const int StatementsLimit = 100_000;

    /// <summary>The largest <see cref="MaxScriptSizeBytes"/>: the deepest expression such a script can hold still fits the threads' stacks.</summary>
    public const int ScriptSizeLimit = 250_000;

    /// <summary>The deepest <see cref="MaxScriptStackDepth"/>.</summary>
    public const int StackDepthLimit = 1_000;

    /// <summary>The deepest <see cref="MaxJsonNestingDepth"/>: <c>JSON.parse</c> of a message's payload recurses once per level.</summary>
    public const int JsonNestingLimit = 1_000;

    public static MappingSettings Default { get; } = new();

    /// <summary><c>max-mapped-inbound-messages</c>: Ditto Protocol messages one mapper may produce from one message.</summary>
    public int MaxMappedInboundMessages { get; init; } = 10;

    /// <summary><c>max-mapped-outbound-messages</c>: external messages one mapper may produce from one signal.</summary>
    public int MaxMappedOutboundMessages { get; init; } = 10;

    /// <summary><c>javascript.maxScriptSizeBytes</c>: UTF-8 size of each of <c>incomingScript</c> and <c>outgoingScript</c>.</summary>
    public int MaxScriptSizeBytes { get; init; } = 50_000;

    /// <summary><c>javascript.maxScriptExecutionTime</c>: wall-clock time of one mapping call (top level and function).</summary>
    public TimeSpan MaxScriptExecutionTime { get; init; } = TimeSpan.FromMilliseconds(500);

    /// <summary><c>javascript.maxScriptStackDepth</c>: nested JavaScript function calls.</summary>
    public int MaxScriptStackDepth { get; init; } = 25;

    /// <summary>
    /// Statements one mapping call may execute; also the budget of callbacks that built-in functions such as
    /// <c>Array.prototype.reduce</c> may invoke. At most <see cref="StatementsLimit"/>.
    /// </summary>
    public int MaxScriptStatements { get; init; } = 100_000;

    /// <summary>Nesting depth of JSON a script parses with <c>JSON.parse</c> and of the messages it returns.</summary>
    public int MaxJsonNestingDepth { get; init; } = 64;

    /// <summary>Throws <see cref="ArgumentOutOfRangeException"/> for a limit outside its range.</summary>
    public MappingSettings Validate()
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMappedInboundMessages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxMappedOutboundMessages);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxScriptSizeBytes);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxScriptSizeBytes, ScriptSizeLimit);
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(MaxScriptExecutionTime, TimeSpan.Zero);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxScriptStackDepth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxScriptStackDepth, StackDepthLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxScriptStatements);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxScriptStatements, StatementsLimit);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(MaxJsonNestingDepth);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(MaxJsonNestingDepth, JsonNestingLimit);
        return this;
    }
}
