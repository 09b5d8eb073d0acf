using System.Diagnostics.CodeAnalysis;

namespace Connectivity.Model.Connections;

/// <summary>Wire names of <see cref="ConnectionType"/> (exact, case-sensitive) and their URI schemes (spec §1.3).</summary>
public static class ConnectionTypes
{
    public static string ToWire(this ConnectionType type) =>
        type switch
        {
            ConnectionType.Amqp091 => "amqp-091",
            ConnectionType.Amqp10 => "amqp-10",
            ConnectionType.Mqtt => "mqtt",
            ConnectionType.Mqtt5 => "mqtt-5",
            ConnectionType.Kafka => "kafka",
            ConnectionType.HttpPush => "http-push",
            ConnectionType.Hono => "hono",
            _ => throw new ArgumentOutOfRangeException(nameof(type), type, null),
        };

    public static bool TryParse([NotNullWhen(true)] string? wire, out ConnectionType type)
    {
        foreach (var candidate in Enum.GetValues<ConnectionType>())
        {
            if (string.Equals(candidate.ToWire(), wire, StringComparison.Ordinal))
            {
                type = candidate;
                return true;
            }
        }

        type = default;
        return false;
    }

    /// <summary>URI schemes accepted for the type; empty for <c>hono</c>, whose URI is generated.</summary>
    public static IReadOnlyList<string> AcceptedSchemes(this ConnectionType type) =>
        type switch
        {
            ConnectionType.Amqp091 or ConnectionType.Amqp10 => ["amqp", "amqps"],
            ConnectionType.Mqtt or ConnectionType.Mqtt5 or ConnectionType.Kafka => ["tcp", "ssl"],
            ConnectionType.HttpPush => ["http", "https"],
            _ => [],
        };

    /// <summary>The TLS scheme of the type (<c>amqps</c>, <c>ssl</c>, <c>https</c>); null for <c>hono</c>.</summary>
    public static string? SecureScheme(this ConnectionType type) =>
        type switch
        {
            ConnectionType.Amqp091 or ConnectionType.Amqp10 => "amqps",
            ConnectionType.Mqtt or ConnectionType.Mqtt5 or ConnectionType.Kafka => "ssl",
            ConnectionType.HttpPush => "https",
            _ => null,
        };
}
