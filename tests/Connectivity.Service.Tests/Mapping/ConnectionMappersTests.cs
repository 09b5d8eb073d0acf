using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Service.Mapping;
using Xunit;
using static Connectivity.Service.Tests.Mapping.MappingTestData;

namespace Connectivity.Service.Tests.Mapping;

/// <summary>The payload mappers of a connection (spec §7.1): resolution, order, conditions, blocklists, failures and limits.</summary>
public sealed class ConnectionMappersTests
{
    private const string DittoCommand = """{"topic":"org.acme/d1/things/twin/commands/modify","headers":{},"path":"/attributes/a","value":1}""";

    private static readonly MappingContext Broken = JavaScript("function mapToDittoProtocolMsg() { throw new Error('boom'); }");

    [Fact]
    public void MapIncoming_should_use_the_ditto_mapper_when_the_source_lists_no_mapping()
    {
        var (mappers, source, _) = Build();

        var outcome = Assert.Single(mappers.MapIncoming(source, Text(DittoCommand, "application/json")));

        Assert.Equal("Ditto", outcome.MapperId);
        Assert.Equal("/attributes/a", Assert.Single(outcome.Messages).Path);
    }

    [Fact]
    public void MapIncoming_should_give_one_outcome_per_mapper_in_order_whose_messages_concatenate()
    {
        var (mappers, source, _) = Build(Definitions(("first", Tagging("first")), ("second", Tagging("second"))), ["second", "first"]);

        var outcomes = mappers.MapIncoming(source, Text("""["a","b"]"""));

        Assert.Equal(["second", "first"], outcomes.Select(o => o.MapperId));
        Assert.Equal(["second a", "second b", "first a", "first b"], outcomes.SelectMany(o => o.Messages).Select(m => $"{m.Value} {m.Topic.EntityName}"));
    }

    [Fact]
    public void MapIncoming_should_run_a_mapper_only_when_all_its_incoming_conditions_hold()
    {
        var conditional = Tagging("js") with
        {
            IncomingConditions = new Dictionary<string, string> { ["wants-x"] = "fn:filter(header:x,'eq','true')", ["always"] = "fn:filter(connection:id,'eq','connection-a')" },
        };
        var (mappers, source, _) = Build(Definitions(("js", conditional)), ["js"]);

        var mapped = Assert.Single(mappers.MapIncoming(source, Text("""["a"]""", "application/json", ("x", "true"))));
        var skipped = Assert.Single(mappers.MapIncoming(source, Text("""["a"]""", "application/json", ("x", "false"))));

        Assert.Single(mapped.Messages);
        Assert.True(skipped.Skipped);
        Assert.Empty(skipped.Messages);
        Assert.Contains("'wants-x'", skipped.SkipReason, StringComparison.Ordinal);
        Assert.Contains("fn:filter(header:x,'eq','true')", skipped.SkipReason, StringComparison.Ordinal);
    }

    [Fact]
    public void MapIncoming_should_skip_the_ditto_mapper_when_the_media_type_is_on_its_default_blocklist()
    {
        var (mappers, source, _) = Build();
        var contentType = "application/vnd.eclipse-hono-empty-notification; charset=utf-8";

        var outcome = Assert.Single(mappers.MapIncoming(source, Bytes([], contentType)));

        Assert.True(outcome.Skipped);
        Assert.Equal($"content-type '{contentType}' is blocked for mapper 'Ditto'", outcome.SkipReason);
    }

    [Fact]
    public void MapIncoming_should_skip_a_mapper_whose_configured_blocklist_has_the_content_type()
    {
        var blocking = JavaScript(Tagging("js").Options["incomingScript"]!.GetValue<string>(), extraOptions: new JsonObject { ["content-type-blocklist"] = "text/plain, APPLICATION/XML" });
        var (mappers, source, _) = Build(Definitions(("js", blocking), ("raw", Engine("RawMessage"))), ["js", "raw"]);

        var plain = mappers.MapIncoming(source, Text("""["a"]""", "text/plain; charset=utf-8"));
        var xml = mappers.MapIncoming(source, Text("""["a"]""", "application/xml"));
        var hono = mappers.MapIncoming(source, Text("""["a"]""", "application/vnd.eclipse-hono-dc-notification+json"));

        Assert.True(plain[0].Skipped);
        Assert.True(xml[0].Skipped);
        Assert.Single(hono[0].Messages);
        Assert.True(hono[1].Skipped);
    }

    [Fact]
    public void MapIncoming_should_isolate_a_failing_mapper_from_the_others()
    {
        var (mappers, source, _) = Build(Definitions(("broken", Broken), ("first", Tagging("first"))), ["broken", "first"]);

        var outcomes = mappers.MapIncoming(source, Text("""["a"]"""));

        Assert.Contains("boom", outcomes[0].Failure, StringComparison.Ordinal);
        Assert.Empty(outcomes[0].Messages);
        Assert.Null(outcomes[1].Failure);
        Assert.Single(outcomes[1].Messages);
    }

    [Fact]
    public void MapIncoming_should_fail_a_mapper_that_produces_more_messages_than_the_limit()
    {
        var (mappers, source, _) = Build(Definitions(("first", Tagging("first"))), ["first"]);
        var eleven = Names(11);

        var outcome = Assert.Single(mappers.MapIncoming(source, Text(eleven)));

        Assert.Empty(outcome.Messages);
        Assert.Contains("produced 11 messages, more than the limit of 10 (max-mapped-inbound-messages)", outcome.Failure, StringComparison.Ordinal);
        Assert.Equal(10, Assert.Single(mappers.MapIncoming(source, Text(Names(10)))).Messages.Count);
    }

    [Fact]
    public void MapIncoming_should_fail_an_id_the_connection_does_not_define()
    {
        var (mappers, _, _) = Build();
        var foreign = new Source { Addresses = ["elsewhere"], PayloadMapping = ["other"] };

        var outcome = Assert.Single(mappers.MapIncoming(foreign, Text(DittoCommand)));

        Assert.Contains("'other' is not defined", outcome.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public void MapIncoming_should_prefer_a_mapping_definition_over_the_alias_of_the_same_name()
    {
        var (mappers, source, _) = Build(Definitions(("Normalized", Tagging("defined"))), ["Normalized"]);

        var outcome = Assert.Single(mappers.MapIncoming(source, Text("""["a"]""")));

        Assert.Equal("defined", Assert.Single(outcome.Messages).Value!.GetValue<string>());
    }

    [Fact]
    public void MapOutgoing_should_map_per_target_mapper_and_skip_those_whose_outgoing_conditions_fail()
    {
        var onlyD2 = JavaScript(string.Empty, "function mapFromDittoProtocolMsg(namespace, name) { return { textPayload: 'js ' + name }; }") with
        {
            OutgoingConditions = new Dictionary<string, string> { ["thing"] = "fn:filter(thing:name,'eq','d2')" },
        };
        var (mappers, _, target) = Build(Definitions(("js", onlyD2)), targetMappings: ["Normalized", "js", "Ditto"]);

        var outcomes = mappers.MapOutgoing(target, LiveMessage("org.acme:d1"));

        Assert.Equal(["Normalized", "js", "Ditto"], outcomes.Select(o => o.MapperId));
        Assert.True(outcomes[0].Dropped);
        Assert.True(outcomes[1].Skipped);
        Assert.Contains("'thing'", outcomes[1].SkipReason, StringComparison.Ordinal);
        Assert.Single(outcomes[2].Messages);
        Assert.Equal("js d2", Assert.Single(mappers.MapOutgoing(target, LiveMessage("org.acme:d2"))[1].Messages).TextPayload);
    }

    [Fact]
    public void MapOutgoing_should_use_the_ditto_mapper_and_the_outbound_limit()
    {
        var many = JavaScript(string.Empty, "function mapFromDittoProtocolMsg() { return [1, 2, 3].map(function (i) { return { textPayload: 'm' + i }; }); }");
        var (mappers, _, target) = Build(Definitions(("many", many)), targetMappings: ["many"], settings: MappingSettings.Default with { MaxMappedOutboundMessages = 2 });
        var (defaults, _, plainTarget) = Build();

        Assert.Contains("max-mapped-outbound-messages", Assert.Single(mappers.MapOutgoing(target, LiveMessage())).Failure, StringComparison.Ordinal);
        Assert.Equal("application/vnd.eclipse.ditto+json", Assert.Single(Assert.Single(defaults.MapOutgoing(plainTarget, LiveMessage())).Messages).ContentType);
    }

    [Fact]
    public void Create_should_build_an_alias_without_definition_and_refuse_an_id_that_is_neither()
    {
        var (mappers, source, _) = Build(sourceMappings: ["RawMessage"]);
        Assert.Single(Assert.Single(mappers.MapIncoming(source, Text("hi", "text/plain", ("ditto-message-thing-id", "org.acme:d1"), ("ditto-message-subject", "s")))).Messages);

        var error = Assert.Throws<MapperConfigurationException>(() => Build(sourceMappings: ["nowhere"]));

        Assert.Contains("'nowhere'", error.Message, StringComparison.Ordinal);
        Assert.Contains("neither a mapping definition nor a mapper alias", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_should_name_the_mapping_whose_definition_cannot_be_built()
    {
        var syntax = Assert.Throws<MapperConfigurationException>(() => Build(Definitions(("unused", JavaScript("function (")))));
        var option = Assert.Throws<MapperConfigurationException>(() => Build(targetMappings: ["ConnectionStatus"]));
        var unsupported = Assert.Throws<MapperConfigurationException>(() => Build(sourceMappings: ["UpdateTwinWithLiveResponse"]));
        var condition = Assert.Throws<MapperConfigurationException>(() => Build(Definitions(("c", Engine("Ditto") with
        {
            IncomingConditions = new Dictionary<string, string> { ["bad"] = "fn:filter(header:x,'eq'" },
        }))));

        Assert.StartsWith("The payload mapping 'unused' is invalid: ", syntax.Message, StringComparison.Ordinal);
        Assert.NotNull(syntax.Description);
        Assert.Contains("'ConnectionStatus' is invalid", option.Message, StringComparison.Ordinal);
        Assert.Contains("<thingId>", option.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", unsupported.Message, StringComparison.Ordinal);
        Assert.Contains("'bad'", condition.Message, StringComparison.Ordinal);
    }

    /// <summary>An incoming script mapping a JSON array of names to one command per name, with the value <paramref name="tag"/>.</summary>
    private static MappingContext Tagging(string tag) => JavaScript($$"""
        function mapToDittoProtocolMsg(headers, textPayload) {
          return JSON.parse(textPayload).map(function (name) {
            return Ditto.buildDittoProtocolMsg('org.acme', name, 'things', 'twin', 'commands', 'modify', '/attributes/by', {}, '{{tag}}');
          });
        }
        """);

    private static string Names(int count) => new JsonArray([.. Enumerable.Range(0, count).Select(i => (JsonNode?)$"d{i}")]).ToJsonString();

    private static Dictionary<string, MappingContext> Definitions(params (string Id, MappingContext Context)[] definitions) =>
        definitions.ToDictionary(d => d.Id, d => d.Context);

    private static (ConnectionMappers Mappers, Source Source, Target Target) Build(
        Dictionary<string, MappingContext>? definitions = null,
        string[]? sourceMappings = null,
        string[]? targetMappings = null,
        MappingSettings? settings = null)
    {
        var source = new Source { Addresses = ["devices/+/telemetry"], AuthorizationContext = ["a:b"], PayloadMapping = sourceMappings ?? [] };
        var target = new Target { Address = "out/{{ thing:id }}", AuthorizationContext = ["a:b"], PayloadMapping = targetMappings ?? [] };
        var connection = new Connection
        {
            Id = MappingTestData.ConnectionId,
            Type = ConnectionType.Mqtt5,
            ConnectionStatus = ConnectivityStatus.Open,
            Uri = "tcp://127.0.0.1:1883",
            Sources = [source],
            Targets = [target],
            MappingDefinitions = definitions ?? [],
        };
        return (ConnectionMappers.Create(connection, settings ?? MappingSettings.Default, TimeProvider.System), source, target);
    }
}
