using System.Text.Json.Nodes;

namespace Connectivity.Model.Monitoring;

/// <summary>
/// The status of one resource of a connection on one client instance (spec §3.5): a client actor, a source
/// consumer, a target publisher or an SSH tunnel. <see cref="Status"/> is a <see cref="LiveStatus"/> value,
/// <see cref="RecoveryStatus"/> a <see cref="Monitoring.RecoveryStatus"/> value.
/// </summary>
public sealed record ResourceStatus(
    ResourceType Type,
    string Client,
    string? Address,
    string Status,
    string? RecoveryStatus = null,
    string? StatusDetails = null,
    DateTimeOffset? InStateSince = null)
{
    /// <summary>The client name of resources filled in because nobody reported them in time.</summary>
    public const string UnknownClient = "unknown-client";

    /// <summary>JSON in Ditto's field order; optional fields are omitted when absent.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["type"] = WireName.Of(Type),
            ["client"] = Client,
        };
        if (Address is not null)
        {
            json["address"] = Address;
        }

        json["status"] = Status;
        if (RecoveryStatus is not null)
        {
            json["recoveryStatus"] = RecoveryStatus;
        }

        if (StatusDetails is not null)
        {
            json["statusDetails"] = StatusDetails;
        }

        if (InStateSince is { } since)
        {
            json["inStateSince"] = JavaInstant.Format(since);
        }

        return json;
    }

    public static ResourceStatus FromJson(JsonObject json) =>
        new(
            MonitoringJson.RequiredEnum<ResourceType>(json, "type"),
            MonitoringJson.RequiredString(json, "client"),
            MonitoringJson.OptionalString(json, "address"),
            MonitoringJson.RequiredString(json, "status"),
            MonitoringJson.OptionalString(json, "recoveryStatus"),
            MonitoringJson.OptionalString(json, "statusDetails"),
            MonitoringJson.OptionalInstant(json, "inStateSince"));
}
