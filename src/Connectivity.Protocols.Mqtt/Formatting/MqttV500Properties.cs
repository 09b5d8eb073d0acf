namespace Connectivity.Protocols.Mqtt.Formatting;

/// <summary>
/// The properties of one MQTT 5 packet as read from the wire (MQTT 5 §2.2.2); null = absent.
/// The packet decoders copy what their packet type allows into the packet record.
/// </summary>
internal struct MqttV500Properties
{
    public MqttPayloadFormatIndicator PayloadFormatIndicator;
    public uint? MessageExpiryInterval;
    public string? ContentType;
    public string? ResponseTopic;
    public ReadOnlyMemory<byte>? CorrelationData;
    public List<uint>? SubscriptionIdentifiers;
    public uint? SessionExpiryInterval;
    public string? AssignedClientIdentifier;
    public ushort? ServerKeepAlive;
    public string? AuthenticationMethod;
    public ReadOnlyMemory<byte>? AuthenticationData;
    public bool? RequestProblemInformation;
    public uint? WillDelayInterval;
    public bool? RequestResponseInformation;
    public string? ResponseInformation;
    public string? ServerReference;
    public string? ReasonString;
    public ushort? ReceiveMaximum;
    public ushort? TopicAliasMaximum;
    public ushort? TopicAlias;
    public MqttQos? MaximumQos;
    public bool? RetainAvailable;
    public List<MqttUserProperty>? UserProperties;
    public uint? MaximumPacketSize;
    public bool? WildcardSubscriptionAvailable;
    public bool? SubscriptionIdentifierAvailable;
    public bool? SharedSubscriptionAvailable;

    public readonly IReadOnlyList<MqttUserProperty> UserPropertyList =>
        UserProperties is null ? [] : UserProperties;

    public readonly IReadOnlyList<uint> SubscriptionIdentifierList =>
        SubscriptionIdentifiers is null ? [] : SubscriptionIdentifiers;
}
