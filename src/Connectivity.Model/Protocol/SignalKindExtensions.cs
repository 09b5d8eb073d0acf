namespace Connectivity.Model.Protocol;

/// <summary>Maps a <see cref="SignalKind"/> to the target topic it is published under (spec §1.10).</summary>
public static class SignalKindExtensions
{
    /// <summary>
    /// The base topic of a target subscription (<c>_/_/things/twin/events</c> etc.) that receives signals of
    /// this kind, or null for kinds that only travel as replies (responses, errors) or never leave.
    /// </summary>
    public static string? SubscriptionTopic(this SignalKind kind) => kind switch
    {
        SignalKind.TwinEvent => "_/_/things/twin/events",
        SignalKind.LiveMessage => "_/_/things/live/messages",
        SignalKind.LiveCommand => "_/_/things/live/commands",
        SignalKind.LiveEvent => "_/_/things/live/events",
        SignalKind.PolicyAnnouncement => "_/_/policies/announcements",
        SignalKind.ConnectionAnnouncement => "_/_/connections/announcements",
        _ => null,
    };
}
