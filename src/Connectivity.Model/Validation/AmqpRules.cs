using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// AMQP target address forms: AMQP 1.0 (spec §8.2) <c>name</c>, <c>queue://name</c>, <c>topic://name</c>;
/// AMQP 0.9.1 (spec §8.1) <c>exchangeName/routingKey</c> with a non-empty exchange.
/// </summary>
internal static class AmqpRules
{
    private static readonly string[] Amqp10Prefixes = ["queue://", "topic://"];

    public static void Check(Connection connection)
    {
        foreach (var address in connection.Targets.Select(t => t.Address))
        {
            var valid = connection.Type == ConnectionType.Amqp10
                ? Amqp10Prefixes.FirstOrDefault(p => address.StartsWith(p, StringComparison.Ordinal)) is not { } prefix || address.Length > prefix.Length
                : !address.StartsWith('/');
            if (!valid)
            {
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The target address '{address}' is invalid.",
                    connection.Type == ConnectionType.Amqp10
                        ? "An AMQP 1.0 target address is 'name', 'queue://name' or 'topic://name'."
                        : "An AMQP 0.9.1 target address is 'exchangeName/routingKey'.");
            }
        }
    }
}
