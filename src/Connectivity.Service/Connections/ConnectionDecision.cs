namespace Connectivity.Service.Connections;

/// <summary>What a command leads to: the ordered steps the connection actor runs (see <see cref="ConnectionAction"/>).</summary>
public sealed record ConnectionDecision(IReadOnlyList<ConnectionAction> Actions)
{
    public static ConnectionDecision Of(params ConnectionAction[] actions) => new(actions);
}
