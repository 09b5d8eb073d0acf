using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// Service-level connection validation on create, modify, test and open (spec §1.11 and the per-protocol rules
/// of §8). Failures are <see cref="DittoRuntimeException"/>s, mostly <c>connectivity:connection.configuration.invalid</c>;
/// unexpected exceptions are wrapped as <c>connectivity:connection.failed</c> (504).
/// </summary>
public sealed class ConnectionValidator
{
    private static readonly IReadOnlyDictionary<string, string> EmptyMapping = new Dictionary<string, string>();

    private readonly ConnectivityLimits limits;
    private readonly HostRules hosts;

    public ConnectionValidator(ConnectivityLimits limits)
    {
        this.limits = limits;
        hosts = new HostRules(limits);
    }

    /// <summary>
    /// Validates <paramref name="connection"/>; <paramref name="existing"/> is the stored connection on modify, where
    /// changing the type needs <paramref name="sudo"/> (<c>ditto-sudo: true</c>).
    /// </summary>
    public void Validate(Connection connection, Connection? existing = null, bool sudo = false)
    {
        try
        {
            ValidateRules(connection, existing, sudo);
        }
        catch (Exception e) when (e is not DittoRuntimeException)
        {
            throw ConnectivityErrors.ConnectionFailed($"The connection '{connection.Id}' could not be validated.", e.Message);
        }
    }

    private void ValidateRules(Connection connection, Connection? existing, bool sudo)
    {
        if (existing is not null && existing.Type != connection.Type && !sudo)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The connectionType of the connection '{connection.Id}' may not be changed from '{existing.Type.ToWire()}' to '{connection.Type.ToWire()}'.",
                "Delete the connection and create a new one, or use the header 'ditto-sudo: true'.");
        }

        CheckCounts(connection);
        CheckAddresses(connection);
        CheckUri(connection);
        CredentialRules.Check(connection, limits, hosts);
        PayloadMappingRules.Check(connection, limits.MaxMappingsPerSourceOrTarget);
        AckLabelRules.Check(connection);
        CheckHeaderMappings(connection);
        switch (connection.Type)
        {
            case ConnectionType.Mqtt or ConnectionType.Mqtt5:
                MqttRules.Check(connection);
                break;
            case ConnectionType.HttpPush:
                HttpPushRules.Check(connection);
                break;
            case ConnectionType.Kafka:
                KafkaRules.Check(connection);
                break;
            case ConnectionType.Amqp091 or ConnectionType.Amqp10:
                AmqpRules.Check(connection);
                break;
            case ConnectionType.Hono:
                HonoRules.Check(connection);
                break;
        }
    }

    private void CheckCounts(Connection connection)
    {
        if (connection.Sources.Count > limits.MaxSources)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The number of sources ({connection.Sources.Count}) exceeds the allowed maximum of {limits.MaxSources}.",
                "Reduce the number of sources.");
        }

        if (connection.Targets.Count > limits.MaxTargets)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The number of targets ({connection.Targets.Count}) exceeds the allowed maximum of {limits.MaxTargets}.",
                "Reduce the number of targets.");
        }
    }

    private static void CheckAddresses(Connection connection)
    {
        if (connection.Sources.Any(s => s.Addresses.Count == 0 || s.Addresses.Any(string.IsNullOrWhiteSpace)))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                "A source of the connection has no or an empty address.", "Every source needs at least one non-empty address.");
        }

        if (connection.Targets.Any(t => string.IsNullOrWhiteSpace(t.Address)))
        {
            throw ConnectivityErrors.ConfigurationInvalid("A target of the connection has an empty address.", "Every target needs a non-empty address.");
        }
    }

    private void CheckUri(Connection connection)
    {
        if (connection.Type == ConnectionType.Hono)
        {
            return;
        }

        var uri = connection.ParsedUri;
        var schemes = connection.Type.AcceptedSchemes();
        if (!schemes.Contains(uri.Scheme, StringComparer.Ordinal))
        {
            throw ConnectivityErrors.ConnectionUriInvalid(
                connection.Uri,
                $"The URI scheme '{uri.Scheme}' is not valid for the protocol '{connection.Type.ToWire()}'.",
                $"Accepted schemes are: {string.Join(", ", schemes)}.");
        }

        if (connection.Ca is not null && uri.Scheme != connection.Type.SecureScheme())
        {
            throw ConnectivityErrors.ConnectionUriInvalid(
                connection.Uri,
                $"The connection has trusted certificates with insecure protocol '{uri.Scheme}'.",
                $"Use the secure scheme '{connection.Type.SecureScheme()}' or remove 'ca'.");
        }

        hosts.Check(uri.Host);
    }

    private static void CheckHeaderMappings(Connection connection)
    {
        var mappings = connection.Sources.SelectMany(s => s.HeaderMapping.Concat(s.ReplyTarget?.HeaderMapping ?? EmptyMapping))
            .Concat(connection.Targets.SelectMany(t => t.HeaderMapping));
        foreach (var (key, value) in mappings)
        {
            if (!PlaceholderTemplate.IsValid(value))
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The header mapping '{key}: {value}' contains an invalid placeholder.",
                    "Placeholders have the form {{ prefix:name }}, optionally followed by '| fn:...' functions.");
            }
        }
    }
}
