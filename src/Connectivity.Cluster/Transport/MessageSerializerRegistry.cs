using System.Collections.Concurrent;
using System.Runtime.Serialization;
using System.Text.Json.Nodes;
using Connectivity.Actors;

namespace Connectivity.Cluster.Transport;

/// <summary>
/// The <see cref="IMessageSerializer"/> of a node: messages and exceptions are registered by type with a type id and a
/// pair of functions. A type is looked up by exact match first, then among registrations it is assignable to, in
/// registration order, so a family interface (e.g. every connectivity command) can be registered once with functions
/// that read the family's own <c>type</c> field. Built in: <see cref="Status.Failure"/> (a translated exception when an
/// exception translator matches, else the exception's type name and message, read back as
/// <see cref="RemoteFailureException"/>), <see cref="Status.Success"/> and <see cref="AskTimeoutException"/>.
/// Register everything at startup; registration is thread-safe but clears the lookup cache.
/// </summary>
public sealed class MessageSerializerRegistry : IMessageSerializer
{
    public const string StatusFailureTypeId = "cluster:status.failure";
    public const string StatusSuccessTypeId = "cluster:status.success";
    public const string AskTimeoutTypeId = "cluster:exception.askTimeout";

    private readonly Family _messages = new("message");
    private readonly Family _exceptions = new("exception");

    public MessageSerializerRegistry()
    {
        Register<Status.Failure>(StatusFailureTypeId, failure => WriteException(failure.Cause), json => new Status.Failure(ReadException(json)));
        Register<Status.Success>(StatusSuccessTypeId, WriteSuccess, ReadSuccess);
        RegisterException<AskTimeoutException>(
            AskTimeoutTypeId,
            e => new JsonObject { ["message"] = e.Message },
            json => new AskTimeoutException((string?)json["message"] ?? "Remote ask timed out."));
    }

    public void Register<T>(string typeId, Func<T, JsonNode> toJson, Func<JsonNode, T> fromJson)
        where T : notnull
    {
        ArgumentNullException.ThrowIfNull(toJson);
        ArgumentNullException.ThrowIfNull(fromJson);
        _messages.Add(new Entry(typeId, typeof(T), message => toJson((T)message), json => fromJson(json)));
    }

    /// <summary>
    /// Registers an exception translator, used for the cause of a <see cref="Status.Failure"/>: it keeps what the
    /// generic form (type name + message) would lose, e.g. an error code.
    /// </summary>
    public void RegisterException<TException>(string typeId, Func<TException, JsonNode> toJson, Func<JsonNode, Exception> fromJson)
        where TException : Exception
    {
        ArgumentNullException.ThrowIfNull(toJson);
        ArgumentNullException.ThrowIfNull(fromJson);
        _exceptions.Add(new Entry(typeId, typeof(TException), exception => toJson((TException)exception), fromJson));
    }

    public bool TrySerialize(object message, out string typeId, out JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(message);
        if (_messages.Find(message.GetType()) is not { } entry)
        {
            typeId = string.Empty;
            json = null!;
            return false;
        }

        typeId = entry.TypeId;
        json = entry.Write(message);
        return true;
    }

    public object Deserialize(string typeId, JsonNode json)
    {
        ArgumentNullException.ThrowIfNull(typeId);
        ArgumentNullException.ThrowIfNull(json);
        return _messages.Read(typeId, json);
    }

    private JsonNode WriteException(Exception cause)
    {
        var json = new JsonObject
        {
            ["exceptionType"] = cause is RemoteFailureException remote ? remote.RemoteType : cause.GetType().FullName,
            ["message"] = cause.Message,
        };
        if (_exceptions.Find(cause.GetType()) is { } entry)
        {
            json["typeId"] = entry.TypeId;
            json["exception"] = entry.Write(cause);
        }

        return json;
    }

    private Exception ReadException(JsonNode json)
    {
        var typeId = (string?)json["typeId"];
        if (typeId is not null && json["exception"] is { } payload && _exceptions.Knows(typeId))
        {
            return (Exception)_exceptions.Read(typeId, payload);
        }

        return new RemoteFailureException((string?)json["exceptionType"] ?? "unknown", (string?)json["message"] ?? string.Empty);
    }

    private JsonNode WriteSuccess(Status.Success success)
    {
        if (success.Value is null)
        {
            return new JsonObject { ["value"] = null };
        }

        if (!TrySerialize(success.Value, out var typeId, out var json))
        {
            throw new SerializationException($"No serializer is registered for {success.Value.GetType().FullName} (the value of a Status.Success).");
        }

        return new JsonObject { ["value"] = new JsonObject { ["typeId"] = typeId, ["message"] = json } };
    }

    private Status.Success ReadSuccess(JsonNode json) =>
        json["value"] is { } value
            ? new Status.Success(Deserialize((string?)value["typeId"] ?? string.Empty, value["message"] ?? throw new SerializationException("A Status.Success value has no message.")))
            : new Status.Success(null);

    private sealed record Entry(string TypeId, Type Type, Func<object, JsonNode> ToJson, Func<JsonNode, object> FromJson)
    {
        public JsonNode Write(object value)
        {
            var json = ToJson(value);
            return json.Parent is null ? json : json.DeepClone();
        }
    }

    /// <summary>The registrations of one kind (messages or exceptions), in registration order, with a per-type cache.</summary>
    private sealed class Family(string kind)
    {
        private readonly Lock _gate = new();
        private readonly List<Entry> _entries = [];
        private readonly Dictionary<string, Entry> _byId = new(StringComparer.Ordinal);
        private readonly ConcurrentDictionary<Type, Entry?> _byType = new();

        public void Add(Entry entry)
        {
            ArgumentException.ThrowIfNullOrWhiteSpace(entry.TypeId);
            lock (_gate)
            {
                if (_byId.ContainsKey(entry.TypeId))
                {
                    throw new ArgumentException($"The {kind} type id '{entry.TypeId}' is already registered.", nameof(entry));
                }

                if (_entries.Exists(e => e.Type == entry.Type))
                {
                    throw new ArgumentException($"The {kind} type {entry.Type.FullName} is already registered.", nameof(entry));
                }

                _entries.Add(entry);
                _byId.Add(entry.TypeId, entry);
                _byType.Clear();
            }
        }

        public Entry? Find(Type type) => _byType.TryGetValue(type, out var cached) ? cached : Resolve(type);

        public bool Knows(string typeId)
        {
            lock (_gate)
            {
                return _byId.ContainsKey(typeId);
            }
        }

        public object Read(string typeId, JsonNode json)
        {
            Entry? entry;
            lock (_gate)
            {
                _byId.TryGetValue(typeId, out entry);
            }

            if (entry is null)
            {
                throw new SerializationException($"Unknown {kind} type id '{typeId}'.");
            }

            try
            {
                return entry.FromJson(json);
            }
            catch (Exception e) when (e is not SerializationException)
            {
                throw new SerializationException($"Cannot read a '{typeId}' {kind}: {e.Message}", e);
            }
        }

        private Entry? Resolve(Type type)
        {
            lock (_gate)
            {
                var entry = _entries.Find(e => e.Type == type) ?? _entries.Find(e => e.Type.IsAssignableFrom(type));
                _byType[type] = entry;
                return entry;
            }
        }
    }
}
