using Microsoft.Extensions.Logging;

namespace Connectivity.Cluster.Membership;

/// <summary>Service log lines of <see cref="MembershipService"/>.</summary>
internal static partial class MembershipLog
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: membership version {Version}, live members [{Members}]")]
    public static partial void MembersChanged(ILogger logger, string nodeId, long version, IReadOnlyList<Member> members);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: heartbeat or membership read failed; keeping the last snapshot, marked stale")]
    public static partial void RoundFailed(ILogger logger, string nodeId, Exception exception);

    [LoggerMessage(Level = LogLevel.Error, Message = "Node {NodeId}: a membership subscriber failed on version {Version}")]
    public static partial void SubscriberFailed(ILogger logger, string nodeId, long version, Exception exception);

    [LoggerMessage(Level = LogLevel.Information, Message = "Node {NodeId}: left the cluster")]
    public static partial void Left(ILogger logger, string nodeId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Node {NodeId}: could not mark itself as left; others will drop it after the down timeout")]
    public static partial void LeaveFailed(ILogger logger, string nodeId, Exception exception);
}
