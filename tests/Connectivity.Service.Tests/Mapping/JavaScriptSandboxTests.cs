using Connectivity.Service.Mapping;
using Xunit;
using static Connectivity.Service.Tests.Mapping.MappingTestData;

namespace Connectivity.Service.Tests.Mapping;

/// <summary>
/// The JavaScript sandbox (spec §7.2): every script failure is a <see cref="MessageMappingException"/>, never a crash,
/// and the mapper maps the next message as if nothing happened.
/// </summary>
public sealed class JavaScriptSandboxTests
{
    private const string WorkingBranch = """
        if (textPayload === 'ok') {
          return Ditto.buildDittoProtocolMsg('org.acme', 'd1', 'things', 'twin', 'commands', 'modify', '/attributes/ok', {}, true);
        }
        """;

    [Theory]
    [InlineData("throw new Error('device unknown');", "Error: device unknown")]
    [InlineData("return undefinedVariable.x;", "ReferenceError")]
    [InlineData("var a = new Array(20000).join('x').split(''); while (true) { a.reverse(); }", "time limit of 500 ms")]
    [InlineData("while (true) {}", "limit of 100000 statements")]
    [InlineData("function down(n) { return down(n + 1); } return down(0);", "call depth of 25")]
    [InlineData("var o = {}; o.toString = Object.prototype.toLocaleString; return String(o);", "RangeError")]
    [InlineData("var a = []; for (var i = 0; i < 100000; i++) { a = [a]; } return String(a);", "statements")]
    [InlineData("var s = '[0]'; for (var i = 0; i < 20; i++) { s = '[' + s + ']'; } return JSON.parse(s + s.replace(/./g, ''));", "")]
    [InlineData("var s = '['; for (var i = 0; i < 17; i++) { s += s; } return JSON.parse(s);", "JSON nested deeper than 64 levels")]
    [InlineData("return eval('1 + 1');", "eval is not available")]
    [InlineData("return new Function('return 1')();", "Function constructor is not available")]
    [InlineData("return (function () {}).constructor('return 1')();", "Function constructor is not available")]
    [InlineData("return System.IO.File.ReadAllText('/etc/passwd');", "ReferenceError")]
    [InlineData("return importNamespace('System.IO');", "ReferenceError")]
    public void MapIncoming_should_fail_and_keep_working_when_the_script_misbehaves(string misbehaviour, string reason)
    {
        // Only the time-limit case runs under the default 500 ms: on a slow machine the others must still hit their own limit first.
        var settings = reason.StartsWith("time limit", StringComparison.Ordinal)
            ? MappingSettings.Default
            : MappingSettings.Default with { MaxScriptExecutionTime = TimeSpan.FromSeconds(30) };
        var mapper = Mapper(JavaScript($"function mapToDittoProtocolMsg(headers, textPayload) {{ {WorkingBranch} {misbehaviour} }}"), settings);

        var failure = Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text("bad")));

        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        Assert.Single(mapper.MapIncoming(Text("ok")));
    }

    [Theory]
    [InlineData("return 42;", "returned the number 42")]
    [InlineData("return 'a string';", "returned the string \"a string\"")]
    [InlineData("return true;", "returned the boolean true")]
    [InlineData("return function () {};", "returned a function")]
    [InlineData("return { path: '/', headers: {} };", "the field 'topic' is missing")]
    [InlineData("return { topic: 'org.acme/d1/things/twin/commands/fly', path: '/', headers: {} };", "the field 'topic' is invalid")]
    [InlineData("return [Ditto.buildDittoProtocolMsg('org.acme', 'd1', 'things', 'twin', 'commands', 'modify', '/', {}, 1), 7];", "element 1 is the number 7")]
    [InlineData("var a = {}; a.self = a; return a;", "TypeError")]
    [InlineData("var a = {}; for (var i = 0; i < 100; i++) { a = { a: a }; } return a;", "nested deeper than 64 levels")]
    public void MapIncoming_should_fail_and_keep_working_when_the_script_returns_garbage(string garbage, string reason)
    {
        var mapper = Mapper(JavaScript($"function mapToDittoProtocolMsg(headers, textPayload) {{ {WorkingBranch} {garbage} }}"));

        var failure = Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text("bad")));

        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        Assert.Single(mapper.MapIncoming(Text("ok")));
    }

    [Theory]
    [InlineData("return 7;", "returned the number 7")]
    [InlineData("return { headers: {} };", "Neither <bytePayload> nor <textPayload>")]
    [InlineData("return { textPayload: 5 };", "<textPayload> is not a string")]
    [InlineData("return { bytePayload: ['x'] };", "element 0 is not a number")]
    [InlineData("return { headers: 'x', textPayload: '' };", "<headers> is not an object")]
    [InlineData("throw 'plain';", "threw plain")]
    public void MapOutgoing_should_fail_and_keep_working_when_the_script_misbehaves(string misbehaviour, string reason)
    {
        var mapper = Mapper(JavaScript("", $"function mapFromDittoProtocolMsg(ns, name, group, channel, criterion, action, path, headers, value) {{ if (value.ok) {{ return {{ textPayload: 'ok' }}; }} {misbehaviour} }}"));

        var failure = Assert.Throws<MessageMappingException>(() => mapper.MapOutgoing(LiveMessage()));

        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
        Assert.Equal("ok", Assert.Single(mapper.MapOutgoing(LiveMessage(value: new System.Text.Json.Nodes.JsonObject { ["ok"] = true }))).TextPayload);
    }

    [Fact]
    public void MapIncoming_should_discard_the_engine_of_a_failed_call_so_the_next_message_starts_from_the_loaded_scripts()
    {
        var mapper = Mapper(JavaScript("""
            var state = 'clean';
            function mapToDittoProtocolMsg(headers, textPayload) {
              if (textPayload === 'fail') {
                state = 'dirty';
                Array.prototype.polluted = true;
                throw new Error('half done');
              }
              return { topic: 'org.acme/d1/things/twin/commands/modify', path: '/attributes/a', headers: {},
                       value: [state, [].polluted === true] };
            }
            """));

        Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text("fail")));
        var values = Enumerable.Range(0, 3).Select(_ => Assert.Single(mapper.MapIncoming(Text("x"))).Value!.ToJsonString()).ToList();

        Assert.All(values, v => Assert.Equal("""["clean",false]""", v));
    }

    [Fact]
    public void MapIncoming_should_give_every_call_of_a_reused_engine_its_full_statement_budget()
    {
        var settings = MappingSettings.Default with { MaxScriptStatements = 5_000 };
        var mapper = Mapper(JavaScript("""
            function mapToDittoProtocolMsg(headers, textPayload) {
              var n = 0;
              for (var i = 0; i < 1000; i++) { n++; }
              return { topic: 'org.acme/d1/things/twin/commands/modify', path: '/attributes/a', headers: {}, value: n };
            }
            """), settings);

        var values = Enumerable.Range(0, 20).Select(_ => Assert.Single(mapper.MapIncoming(Text("x"))).Value!.GetValue<int>());

        Assert.All(values, v => Assert.Equal(1000, v));
    }

    [Fact]
    public void MapIncoming_should_map_concurrent_messages_independently()
    {
        var mapper = Mapper(JavaScript("""
            function mapToDittoProtocolMsg(headers, textPayload) {
              return Ditto.buildDittoProtocolMsg('org.acme', textPayload, 'things', 'twin', 'commands', 'modify', '/attributes/a', {}, null);
            }
            """));

        var names = Enumerable.Range(0, 40).AsParallel().Select(i => Assert.Single(mapper.MapIncoming(Text($"d{i}"))).Topic.EntityName).ToList();

        Assert.Equal(Enumerable.Range(0, 40).Select(i => $"d{i}"), names);
    }

    [Fact]
    public void MapIncoming_should_fail_with_the_configured_statement_limit()
    {
        var mapper = Mapper(
            JavaScript("function mapToDittoProtocolMsg() { for (var i = 0; i < 1000; i++) { i = i; } return null; }"),
            MappingSettings.Default with { MaxScriptStatements = 500 });

        Assert.Contains("limit of 500 statements", Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text("x"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapIncoming_should_count_callbacks_of_built_in_functions_against_the_statement_limit()
    {
        // reduce(Array) nests one array per element without executing a statement.
        var mapper = Mapper(
            JavaScript("function mapToDittoProtocolMsg() { return String(new Array(5000).join('x').split('').reduce(Array)); }"),
            MappingSettings.Default with { MaxScriptStatements = 1000 });

        Assert.Contains("more than 1000 callbacks", Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text("x"))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void MapIncoming_should_time_out_when_a_built_in_function_overruns_the_time_limit()
    {
        var mapper = Mapper(JavaScript("""
            function mapToDittoProtocolMsg(headers, textPayload) {
              if (textPayload === 'ok') { return null; }
              var s = 'x';
              for (var i = 0; i < 21; i++) { s += s; }
              return s.split('').sort();
            }
            """));

        Assert.Contains("time limit", Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text("x"))).Message, StringComparison.Ordinal);
        Assert.Empty(mapper.MapIncoming(Text("ok")));
    }

    [Theory]
    [InlineData("function mapToDittoProtocolMsg( {", "incomingScript does not compile: Unexpected token {")]
    [InlineData("throw new Error('broken at load');", "broken at load")]
    [InlineData("while (true) {}", "exceeded its limit of 100000 statements")]
    [InlineData("function __dittoMapIncoming() { return null; }", "failed to load")]
    public void Create_should_reject_a_script_that_does_not_load(string script, string reason)
    {
        // A generous time limit: on a busy machine the statement limit must still be what stops the endless loop.
        var settings = MappingSettings.Default with { MaxScriptExecutionTime = TimeSpan.FromSeconds(30) };

        var failure = Assert.Throws<MapperConfigurationException>(() => Mapper(JavaScript(script), settings));

        Assert.Contains(reason, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_should_reject_a_script_larger_than_the_limit()
    {
        var large = "var x = 1;" + new string(' ', 50_000);

        var failure = Assert.Throws<MapperConfigurationException>(() => Mapper(JavaScript(large)));

        Assert.Contains("bigger than the allowed <50000> bytes", failure.Message, StringComparison.Ordinal);
        Assert.NotNull(Mapper(JavaScript(large[..50_000])));
    }

    [Theory]
    [InlineData("loadBytebufferJS")]
    [InlineData("loadLongJS")]
    public void Create_should_reject_the_libraries_it_does_not_provide(string option)
    {
        var failure = Assert.Throws<MapperConfigurationException>(() => Mapper(JavaScript("", "", new() { [option] = true })));

        Assert.Contains(option, failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_should_load_a_script_nested_as_deeply_as_its_size_allows()
    {
        var deep = "var x = " + new string('(', 24_000) + "1" + new string(')', 24_000) + "; var y = 1" + string.Concat(Enumerable.Repeat("+1", 500)) + ";";

        Assert.NotNull(Mapper(JavaScript(deep)));
    }

    [Fact]
    public void Create_should_load_a_script_nested_as_deeply_as_the_largest_configurable_size_allows()
    {
        var depth = (MappingSettings.ScriptSizeLimit - 20) / 2;
        var deep = "var x = " + new string('(', depth) + "1" + new string(')', depth) + ";";
        var settings = MappingSettings.Default with { MaxScriptSizeBytes = MappingSettings.ScriptSizeLimit, MaxScriptExecutionTime = TimeSpan.FromSeconds(30) };

        Assert.NotNull(Mapper(JavaScript(deep), settings));
    }

    [Fact]
    public void MapIncoming_should_recurse_as_deep_as_the_deepest_configurable_stack_depth_and_fail_beyond_it()
    {
        var settings = MappingSettings.Default with
        {
            MaxScriptStackDepth = MappingSettings.StackDepthLimit,
            MaxScriptExecutionTime = TimeSpan.FromSeconds(30),
        };
        var mapper = Mapper(JavaScript($$"""
            function down(n) { return n === 0 ? 0 : 1 + down(n - 1); }
            function mapToDittoProtocolMsg(headers, textPayload) {
              var reached = down(parseInt(textPayload, 10));
              return Ditto.buildDittoProtocolMsg('org.acme', 'd1', 'things', 'twin', 'commands', 'modify', '/attributes/depth', {}, reached);
            }
            """), settings);

        var mapped = Assert.Single(mapper.MapIncoming(Text((MappingSettings.StackDepthLimit - 5).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Equal(MappingSettings.StackDepthLimit - 5, mapped.Value!.GetValue<int>());
        var failure = Assert.Throws<MessageMappingException>(() => mapper.MapIncoming(Text((MappingSettings.StackDepthLimit + 5).ToString(System.Globalization.CultureInfo.InvariantCulture))));
        Assert.Contains($"call depth of {MappingSettings.StackDepthLimit}", failure.Message, StringComparison.Ordinal);
    }
}
