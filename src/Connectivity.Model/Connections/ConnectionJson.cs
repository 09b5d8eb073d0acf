using System.Globalization;
using System.Text.Json.Nodes;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Connections;

/// <summary>
/// Reads and writes the connection JSON of spec §1.1. Reading applies defaults, the legacy and reply-target
/// migrations and the model-level rules of §1.11; writing keeps Ditto's field order.
/// </summary>
public static class ConnectionJson
{
    public const string RevisionField = "_revision";
    public const string CreatedField = "_created";
    public const string ModifiedField = "_modified";

    /// <summary>Parses a connection; throws <see cref="DittoRuntimeException"/> (400) for invalid input.</summary>
    public static Connection FromJson(JsonObject json, ConnectionParseOptions? options = null)
    {
        options ??= ConnectionParseOptions.Default;
        var read = new JsonRead(json, string.Empty);

        var id = options.IdOverride
                 ?? read.String("id")
                 ?? (options.RequireId ? throw ConnectivityErrors.JsonFieldMissing("/id") : ConnectionId.NewId());
        ConnectionId.Validate(id);

        var typeWire = read.RequiredString("connectionType");
        if (!ConnectionTypes.TryParse(typeWire, out var type))
        {
            throw ConnectivityErrors.JsonInvalid(
                $"Connection type <{typeWire}> is invalid!",
                "Valid connection types are: amqp-091, amqp-10, mqtt, mqtt-5, kafka, http-push, hono.");
        }

        var statusWire = read.String("connectionStatus");
        ConnectivityStatus status;
        if (statusWire is null)
        {
            status = options.DefaultStatus ?? throw ConnectivityErrors.JsonFieldMissing("/connectionStatus");
        }
        else if (!ConnectivityStatuses.TryParse(statusWire, out status))
        {
            throw ConnectivityErrors.JsonInvalid(
                $"Connection status <{statusWire}> is invalid!",
                "Valid connection statuses are: open, closed, failed, misconfigured, unknown.");
        }

        var uri = type == ConnectionType.Hono ? read.String("uri") ?? string.Empty : read.RequiredString("uri");
        if (uri.Length > 0)
        {
            _ = ConnectionUri.Parse(uri);
        }

        var connection = new Connection
        {
            Id = id,
            Name = read.String("name"),
            Type = type,
            ConnectionStatus = status,
            Uri = uri,
            Sources = ReadArray(read, "sources", SourceJson.Read),
            Targets = ReadArray(read, "targets", TargetJson.Read),
            ClientCount = read.Int("clientCount") ?? 1,
            FailoverEnabled = read.Bool("failoverEnabled") ?? true,
            ValidateCertificates = read.Bool("validateCertificates") ?? true,
            ProcessorPoolSize = read.Int("processorPoolSize") ?? 1,
            SpecificConfig = read.StringMap("specificConfig"),
            MappingDefinitions = ReadMappingDefinitions(read),
            Credentials = read.Object("credentials") is { } credentials ? CredentialsJson.Read(read.Child("credentials", credentials)) : null,
            Ca = read.String("ca"),
            SshTunnel = read.Object("sshTunnel") is { } tunnel ? ReadSshTunnel(read.Child("sshTunnel", tunnel)) : null,
            Tags = read.Array("tags")?.OfType<JsonValue>().Where(v => v.GetValueKind() == System.Text.Json.JsonValueKind.String)
                .Select(v => v.GetValue<string>()).ToList() ?? [],
        };

        connection = ConnectionMigrations.MigrateLegacyMappingContext(connection, ConnectionMigrations.ReadLegacy(read));
        connection = ConnectionMigrations.MigrateReplyTargets(connection);
        ConnectionModelRules.Check(connection);
        return connection;
    }

    /// <summary>
    /// Writes a connection. With <paramref name="fields"/>, only the selected pointers are emitted (in emission
    /// order); the hidden fields <c>_revision</c>, <c>_modified</c>, <c>_created</c> appear only when selected and
    /// <paramref name="metadata"/> is given.
    /// </summary>
    public static JsonObject ToJson(Connection connection, FieldSelector? fields = null, ConnectionMetadata? metadata = null)
    {
        var json = new JsonObject
        {
            ["id"] = connection.Id,
            ["name"] = connection.Name,
        };
        if (fields is not null && metadata is not null)
        {
            json[RevisionField] = metadata.Revision;
            AddTimestamp(json, ModifiedField, metadata.Modified);
            AddTimestamp(json, CreatedField, metadata.Created);
        }

        json["connectionType"] = connection.Type.ToWire();
        json["connectionStatus"] = connection.ConnectionStatus.ToWire();
        if (connection.Uri.Length > 0)
        {
            json["uri"] = connection.Uri;
        }

        json["sources"] = new JsonArray([.. connection.Sources.Select(SourceJson.Write)]);
        json["targets"] = new JsonArray([.. connection.Targets.Select(TargetJson.Write)]);
        json["clientCount"] = connection.ClientCount;
        json["failoverEnabled"] = connection.FailoverEnabled;
        json["validateCertificates"] = connection.ValidateCertificates;
        json["processorPoolSize"] = connection.ProcessorPoolSize;
        if (connection.SpecificConfig.Count > 0)
        {
            json["specificConfig"] = JsonWrite.Map(connection.SpecificConfig);
        }

        if (connection.MappingDefinitions.Count > 0)
        {
            var definitions = new JsonObject();
            foreach (var (mappingId, context) in connection.MappingDefinitions)
            {
                definitions[mappingId] = MappingContextJson.Write(context);
            }

            json["mappingDefinitions"] = definitions;
        }

        if (connection.Credentials is { } credentials)
        {
            json["credentials"] = CredentialsJson.Write(credentials);
        }

        if (connection.Ca is { } ca)
        {
            json["ca"] = ca;
        }

        if (connection.SshTunnel is { } tunnel)
        {
            json["sshTunnel"] = new JsonObject
            {
                ["enabled"] = tunnel.Enabled,
                ["uri"] = tunnel.Uri,
                ["credentials"] = CredentialsJson.Write(tunnel.Credentials),
                ["validateHost"] = tunnel.ValidateHost,
                ["knownHosts"] = JsonWrite.Strings(tunnel.KnownHosts),
            };
        }

        json["tags"] = JsonWrite.Strings(connection.Tags);
        return fields is null ? json : Select(json, fields.Fields);
    }

    private static List<T> ReadArray<T>(JsonRead read, string field, Func<JsonRead, T> readItem)
    {
        var array = read.Array(field);
        if (array is null)
        {
            return [];
        }

        var items = new List<T>(array.Count);
        for (var i = 0; i < array.Count; i++)
        {
            var pointer = $"{read.FieldPointer(field)}/{i.ToString(CultureInfo.InvariantCulture)}";
            items.Add(array[i] is JsonObject item
                ? readItem(new JsonRead(item, pointer))
                : throw ConnectivityErrors.JsonInvalid($"Value <{array[i]?.ToJsonString()}> for <{pointer}> is not of type <object>!"));
        }

        return items;
    }

    private static IReadOnlyDictionary<string, MappingContext> ReadMappingDefinitions(JsonRead read) =>
        EquatableMap<MappingContext>.From(read.Object("mappingDefinitions")?.Select(d => KeyValuePair.Create(d.Key, MappingContextJson.Read(
                d.Value is JsonObject context
                    ? new JsonRead(context, $"/mappingDefinitions/{d.Key}")
                    : throw ConnectivityErrors.JsonInvalid($"Value for </mappingDefinitions/{d.Key}> is not of type <object>!")))));

    private static SshTunnel ReadSshTunnel(JsonRead read) =>
        new(
            read.RequiredBool("enabled"),
            read.RequiredString("uri"),
            CredentialsJson.Read(read.Child("credentials", read.RequiredObject("credentials"))),
            read.RequiredBool("validateHost"),
            read.Strings("knownHosts"));

    private static void AddTimestamp(JsonObject json, string field, DateTimeOffset? timestamp)
    {
        if (timestamp is { } value)
        {
            json[field] = value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'", CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Keeps the selected pointers of <paramref name="json"/>, in the order of <paramref name="json"/>.</summary>
    private static JsonObject Select(JsonObject json, IEnumerable<string> pointers)
    {
        var byHead = pointers
            .Select(p => p.Split('/', 2))
            .GroupBy(parts => parts[0], parts => parts.Length > 1 ? parts[1] : null, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToList(), StringComparer.Ordinal);
        var selected = new JsonObject();
        foreach (var (key, value) in json)
        {
            if (!byHead.TryGetValue(key, out var rests))
            {
                continue;
            }

            if (rests.Contains(null))
            {
                selected[key] = value?.DeepClone();
            }
            else if (value is JsonObject child && Select(child, rests!) is { Count: > 0 } nested)
            {
                selected[key] = nested;
            }
        }

        return selected;
    }
}
