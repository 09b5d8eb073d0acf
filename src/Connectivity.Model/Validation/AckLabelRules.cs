using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// Acknowledgement label rules (spec §1.9, §1.10): declared and issued labels start with the connection id (or
/// <c>{{connection:id}}</c>) and a colon; <c>live-response</c> may be issued; issued labels are unique.
/// </summary>
internal static class AckLabelRules
{
    public const string LiveResponse = "live-response";

    public static void Check(Connection connection)
    {
        foreach (var label in connection.Sources.SelectMany(s => s.DeclaredAcks))
        {
            CheckPrefix(connection.Id, label);
        }

        var issued = new HashSet<string>(StringComparer.Ordinal);
        foreach (var label in connection.Targets.Select(t => t.IssuedAcknowledgementLabel).OfType<string>())
        {
            if (label != LiveResponse)
            {
                CheckPrefix(connection.Id, label);
            }

            if (!issued.Add(Resolve(connection.Id, label)))
            {
                throw ConnectivityErrors.AckLabelNotUnique(label);
            }
        }
    }

    private static void CheckPrefix(string connectionId, string label)
    {
        var resolved = Resolve(connectionId, label);
        if (!resolved.StartsWith(connectionId + ":", StringComparison.Ordinal) || resolved.Length == connectionId.Length + 1)
        {
            throw ConnectivityErrors.AckLabelInvalid(label);
        }
    }

    private static string Resolve(string connectionId, string label) =>
        label.Replace("{{connection:id}}", connectionId, StringComparison.Ordinal)
            .Replace("{{ connection:id }}", connectionId, StringComparison.Ordinal);
}
