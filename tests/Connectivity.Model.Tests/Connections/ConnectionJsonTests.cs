using System.Text.Json.Nodes;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;
using Xunit;

namespace Connectivity.Model.Tests.Connections;

public class ConnectionJsonTests
{
    private static JsonObject Json(string json) => JsonNode.Parse(json)!.AsObject();

    private static JsonObject Minimal(string type = "amqp-10", string uri = "amqps://user:pass@broker:5671") =>
        Json($$"""
        {
          "id": "my-conn", "connectionType": "{{type}}", "connectionStatus": "open", "uri": "{{uri}}",
          "sources": [ { "addresses": ["telemetry"], "authorizationContext": ["integration:x"] } ]
        }
        """);

    private static DittoRuntimeException Fails(JsonObject json, ConnectionParseOptions? options = null) =>
        Assert.Throws<DittoRuntimeException>(() => ConnectionJson.FromJson(json, options));

    [Fact]
    public void FromJson_should_apply_defaults_when_optional_fields_are_missing()
    {
        var json = ConnectionJson.ToJson(ConnectionJson.FromJson(Minimal()));

        Assert.Null(json["name"]);
        Assert.True(json.ContainsKey("name"));
        Assert.Equal(1, json["clientCount"]!.GetValue<int>());
        Assert.True(json["failoverEnabled"]!.GetValue<bool>());
        Assert.True(json["validateCertificates"]!.GetValue<bool>());
        Assert.Equal(1, json["processorPoolSize"]!.GetValue<int>());
        Assert.Equal("[]", json["tags"]!.ToJsonString());
        Assert.Equal("[]", json["targets"]!.ToJsonString());
        Assert.False(json.ContainsKey("specificConfig"));
        Assert.False(json.ContainsKey("mappingDefinitions"));
        Assert.False(json.ContainsKey("credentials"));
        Assert.False(json.ContainsKey("_revision"));
    }

    [Fact]
    public void ToJson_should_emit_fields_in_ditto_order_when_all_are_set()
    {
        var json = Json("""
        {
          "tags": ["b", "a", "b", 5], "sshTunnel": {"enabled": true, "uri": "ssh://h:22", "validateHost": false,
            "credentials": {"type": "plain", "username": "u", "password": "p"}},
          "ca": "-----BEGIN CERTIFICATE-----", "credentials": {"type": "client-cert"},
          "mappingDefinitions": {"m": {"mappingEngine": "Ditto", "options": {}}},
          "specificConfig": {"a": true, "b": 3, "c": "x"}, "processorPoolSize": 2, "validateCertificates": false,
          "failoverEnabled": false, "clientCount": 2, "targets": [], "sources": [{"addresses": ["q"], "authorizationContext": ["s:x"]}],
          "uri": "amqps://h:5671", "connectionStatus": "closed", "connectionType": "amqp-10", "name": "n", "id": "c1"
        }
        """);

        var emitted = ConnectionJson.ToJson(ConnectionJson.FromJson(json));

        Assert.Equal(
            ["id", "name", "connectionType", "connectionStatus", "uri", "sources", "targets", "clientCount", "failoverEnabled",
             "validateCertificates", "processorPoolSize", "specificConfig", "mappingDefinitions", "credentials", "ca", "sshTunnel", "tags"],
            emitted.Select(p => p.Key));
        Assert.Equal("""{"a":"true","b":"3","c":"x"}""", emitted["specificConfig"]!.ToJsonString());
        Assert.Equal("""["b","a"]""", emitted["tags"]!.ToJsonString());
    }

    [Fact]
    public void FromJson_should_round_trip_when_parsing_the_emitted_json()
    {
        var json = Json("""
        {
          "id": "round:trip", "name": "rt", "connectionType": "mqtt-5", "connectionStatus": "open", "uri": "ssl://u:p@broker:8883",
          "sources": [{
            "addresses": ["a/#", "b/+"], "consumerCount": 1, "qos": 1, "authorizationContext": ["integration:{{ header:x }}"],
            "enforcement": {"input": "{{ source:address }}", "filters": ["{{ thing:id }}"]},
            "acknowledgementRequests": {"includes": ["twin-persisted"], "filter": "fn:filter(header:qos,'ne','0')"},
            "declaredAcks": ["round:trip:ack"], "headerMapping": {"x": "{{ header:y }}"}, "payloadMapping": ["js", "Ditto"],
            "replyTarget": {"enabled": true, "address": "replies", "headerMapping": {}, "expectedResponseTypes": ["nack", "bogus"]}
          }],
          "targets": [{
            "address": "out/{{ thing:id }}", "topics": ["_/_/things/twin/events?namespaces=a,b&filter=eq(a,1)&extraFields=attributes"],
            "qos": 0, "authorizationContext": ["integration:x"], "issuedAcknowledgementLabel": "round:trip:out",
            "headerMapping": {"content-type": "application/json"}
          }],
          "mappingDefinitions": {"js": {"mappingEngine": "JavaScript", "options": {"incomingScript": "a", "outgoingScript": "b"},
            "incomingConditions": {"c": "fn:filter(header:x,'eq','y')"}}},
          "credentials": {"type": "hmac", "algorithm": "az-sasl", "parameters": {"sharedKey": "k", "ttl": "1h"}},
          "tags": ["t1"]
        }
        """);

        var first = ConnectionJson.FromJson(json);
        var emitted = ConnectionJson.ToJson(first);
        var second = ConnectionJson.FromJson(emitted);

        Assert.Equal(first, second);
        Assert.Equal(emitted.ToJsonString(), ConnectionJson.ToJson(second).ToJsonString());
        Assert.Equal("""["nack"]""", emitted["sources"]![0]!["replyTarget"]!["expectedResponseTypes"]!.ToJsonString());
    }

    [Theory]
    [InlineData("credentials", """{"type":"plain","username":"u","password":"p"}""")]
    [InlineData("credentials", """{"type":"client-cert","cert":"c","key":"k"}""")]
    [InlineData("credentials", """{"type":"hmac","algorithm":"aws4-hmac-sha256","parameters":{"region":"r","doubleEncode":false}}""")]
    [InlineData("credentials", """{"type":"oauth-client-credentials","tokenEndpoint":"https://t","clientId":"i","clientSecret":"s","requestedScopes":"a b","audience":"x"}""")]
    [InlineData("credentials", """{"type":"oauth-password","tokenEndpoint":"https://t","clientId":"i","requestedScopes":"a","username":"u","password":"p"}""")]
    [InlineData("credentials", """{"type":"public-key","username":"u","publicKey":"pub","privateKey":"priv"}""")]
    public void ToJson_should_emit_credentials_unchanged_when_each_type_is_parsed(string field, string credentials)
    {
        var json = Minimal();
        json[field] = JsonNode.Parse(credentials);

        var emitted = ConnectionJson.ToJson(ConnectionJson.FromJson(json));

        Assert.Equal(credentials, emitted[field]!.ToJsonString());
    }

    [Fact]
    public void FromJson_should_reject_unknown_credential_type_with_json_invalid()
    {
        var json = Minimal();
        json["credentials"] = Json("""{"type":"kerberos"}""");

        var error = Fails(json);

        Assert.Equal("json.invalid", error.ErrorCode);
        Assert.Contains("kerberos", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_should_add_reply_target_defaults_when_source_has_no_reply_target()
    {
        var json = Minimal();
        json["sources"]![0]!["headerMapping"] = Json("""{"reply-to": "custom", "x": "y"}""");

        var source = ConnectionJson.ToJson(ConnectionJson.FromJson(json))["sources"]![0]!;

        Assert.Equal(
            """{"correlation-id":"{{header:correlation-id}}","content-type":"{{header:content-type}}","reply-to":"custom","x":"y"}""",
            source["headerMapping"]!.ToJsonString());
        Assert.Equal(
            """{"address":"{{header:reply-to}}","headerMapping":{"correlation-id":"{{header:correlation-id}}","content-type":"{{header:content-type}}"},"expectedResponseTypes":["response","error"],"enabled":true}""",
            source["replyTarget"]!.ToJsonString());
    }

    [Fact]
    public void FromJson_should_add_only_the_reply_address_when_connection_is_mqtt_3()
    {
        var json = Minimal("mqtt", "tcp://broker:1883");

        var source = ConnectionJson.ToJson(ConnectionJson.FromJson(json))["sources"]![0]!;

        Assert.Equal("{}", source["headerMapping"]!.ToJsonString());
        Assert.Equal("{{header:reply-to}}", source["replyTarget"]!["address"]!.GetValue<string>());
        Assert.Equal("{}", source["replyTarget"]!["headerMapping"]!.ToJsonString());
    }

    [Fact]
    public void FromJson_should_keep_disabled_reply_target_when_enabled_is_false()
    {
        var json = Minimal();
        json["sources"]![0]!["replyTarget"] = Json("""{"enabled": false}""");

        var source = ConnectionJson.ToJson(ConnectionJson.FromJson(json))["sources"]![0]!;

        Assert.Equal("""{"enabled":false}""", source["replyTarget"]!.ToJsonString());
        Assert.Equal("{}", source["headerMapping"]!.ToJsonString());
    }

    [Fact]
    public void FromJson_should_migrate_legacy_mapping_context_when_present()
    {
        var json = Minimal();
        json["mappingContext"] = Json("""{"mappingEngine": "JavaScript", "options": {"incomingScript": "a"}}""");
        json["targets"] = JsonNode.Parse("""[{"address": "t", "authorizationContext": ["s:x"], "payloadMapping": ["Ditto"]}]""");

        var connection = ConnectionJson.FromJson(json);
        var emitted = ConnectionJson.ToJson(connection);

        Assert.Equal("JavaScript", connection.MappingDefinitions["javascript"].MappingEngine);
        Assert.Equal(["javascript"], connection.Sources[0].PayloadMapping);
        Assert.Equal(["Ditto", "javascript"], connection.Targets[0].PayloadMapping);
        Assert.False(emitted.ContainsKey("mappingContext"));
    }

    [Fact]
    public void FromJson_should_ignore_unknown_fields_and_blank_ca()
    {
        var json = Minimal();
        json["unknownField"] = 42;
        json["ca"] = "  ";

        var connection = ConnectionJson.FromJson(json);

        Assert.Null(connection.Ca);
        Assert.False(ConnectionJson.ToJson(connection).ContainsKey("ca"));
    }

    [Theory]
    [InlineData("id", "/id")]
    [InlineData("connectionType", "/connectionType")]
    [InlineData("connectionStatus", "/connectionStatus")]
    [InlineData("uri", "/uri")]
    public void FromJson_should_report_missing_field_when_a_required_field_is_absent(string field, string pointer)
    {
        var json = Minimal();
        json.Remove(field);

        var error = Fails(json);

        Assert.Equal("json.field.missing", error.ErrorCode);
        Assert.Equal(400, error.Status);
        Assert.Contains(pointer, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_should_default_status_to_unknown_when_http_post_omits_it()
    {
        var json = Minimal();
        json.Remove("id");
        json.Remove("connectionStatus");

        var connection = ConnectionJson.FromJson(json, ConnectionParseOptions.ForHttpPost("generated"));

        Assert.Equal("generated", connection.Id);
        Assert.Equal(ConnectivityStatus.Unknown, connection.ConnectionStatus);
    }

    [Fact]
    public void FromJson_should_not_require_uri_when_connection_is_hono()
    {
        var json = Minimal("hono");
        json.Remove("uri");
        json["sources"]![0]!["addresses"] = new JsonArray("telemetry");

        var connection = ConnectionJson.FromJson(json);

        Assert.Equal(string.Empty, connection.Uri);
        Assert.False(ConnectionJson.ToJson(connection).ContainsKey("uri"));
    }

    [Theory]
    [InlineData("connectionType", "AMQP-10", "json.invalid")]
    [InlineData("connectionType", "ftp", "json.invalid")]
    [InlineData("connectionStatus", "OPEN", "json.invalid")]
    [InlineData("id", "bad id!", "connectivity:connection.id.invalid")]
    [InlineData("uri", "amqps://broker", "connectivity:connection.uri.invalid")]
    [InlineData("uri", "amqps://broker:5671/x?q=1", "connectivity:connection.uri.invalid")]
    public void FromJson_should_reject_invalid_value_with_error_code(string field, string value, string errorCode)
    {
        var json = Minimal();
        json[field] = value;

        var error = Fails(json);

        Assert.Equal(errorCode, error.ErrorCode);
        Assert.Equal(400, error.Status);
    }

    [Theory]
    [InlineData("clientCount", 0)]
    [InlineData("clientCount", -1)]
    [InlineData("processorPoolSize", 0)]
    public void FromJson_should_reject_non_positive_counts_with_400(string field, int value)
    {
        var json = Minimal();
        json[field] = value;

        var error = Fails(json);

        Assert.Equal("connectivity:connection.configuration.invalid", error.ErrorCode);
        Assert.Equal(400, error.Status);
    }

    [Fact]
    public void FromJson_should_reject_connection_without_sources_and_targets()
    {
        var json = Minimal();
        json.Remove("sources");

        Assert.Equal("connectivity:connection.configuration.invalid", Fails(json).ErrorCode);
    }

    [Fact]
    public void FromJson_should_list_target_address_when_target_has_no_authorization_context()
    {
        var json = Minimal();
        json["targets"] = JsonNode.Parse("""[{"address": "events/twin", "topics": []}]""");

        var error = Fails(json);

        Assert.Equal("connectivity:connection.configuration.invalid", error.ErrorCode);
        Assert.Contains("events/twin", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void FromJson_should_drop_announcement_parameters_and_reject_them_when_client_count_is_two()
    {
        var json = Minimal();
        json["targets"] = JsonNode.Parse(
            """[{"address": "a", "authorizationContext": ["s:x"], "topics": ["_/_/connections/announcements?namespaces=a&filter=eq(a,1)"]}]""");

        var emitted = ConnectionJson.ToJson(ConnectionJson.FromJson(json));
        json["clientCount"] = 2;

        Assert.Equal("""["_/_/connections/announcements"]""", emitted["targets"]![0]!["topics"]!.ToJsonString());
        Assert.Equal("connectivity:connection.configuration.invalid", Fails(json).ErrorCode);
    }

    [Theory]
    [InlineData("_/_/things/twin/eventz", "connectivity:topic.invalid")]
    [InlineData("_/_/things/twin/events?filter=eq(a,1", "rql.expression.invalid")]
    public void FromJson_should_reject_invalid_target_topic(string topic, string errorCode)
    {
        var json = Minimal();
        json["targets"] = new JsonArray(new JsonObject
        {
            ["address"] = "a",
            ["authorizationContext"] = new JsonArray("s:x"),
            ["topics"] = new JsonArray(topic),
        });

        Assert.Equal(errorCode, Fails(json).ErrorCode);
    }

    [Fact]
    public void ToJson_should_emit_only_selected_fields_and_hidden_fields_when_metadata_is_given()
    {
        var connection = ConnectionJson.FromJson(Minimal());
        var metadata = new ConnectionMetadata(7, DateTimeOffset.Parse("2026-01-01T00:00:00Z"), DateTimeOffset.Parse("2026-01-02T10:00:00.5Z"));

        var json = ConnectionJson.ToJson(connection, FieldSelector.Parse("uri,_revision,id,_modified,_created"), metadata);

        Assert.Equal(["id", "_revision", "_modified", "_created", "uri"], json.Select(p => p.Key));
        Assert.Equal(7, json["_revision"]!.GetValue<long>());
        Assert.Equal("2026-01-02T10:00:00.5Z", json["_modified"]!.GetValue<string>());
        Assert.Equal("2026-01-01T00:00:00Z", json["_created"]!.GetValue<string>());
    }

    [Fact]
    public void ToJson_should_omit_hidden_fields_when_not_selected_or_without_metadata()
    {
        var connection = ConnectionJson.FromJson(Minimal());
        var metadata = new ConnectionMetadata(7, null, null);

        var all = ConnectionJson.ToJson(connection, null, metadata);
        var withoutMetadata = ConnectionJson.ToJson(connection, FieldSelector.Parse("id,_revision"));

        Assert.False(all.ContainsKey("_revision"));
        Assert.Equal(["id"], withoutMetadata.Select(p => p.Key));
    }

    [Fact]
    public void ToJson_should_select_nested_pointers_when_selector_has_paths()
    {
        var json = Minimal();
        json["credentials"] = Json("""{"type":"plain","username":"u","password":"p"}""");

        var selected = ConnectionJson.ToJson(ConnectionJson.FromJson(json), FieldSelector.Parse("credentials(type,username)"));

        Assert.Equal("""{"credentials":{"type":"plain","username":"u"}}""", selected.ToJsonString());
    }
}
