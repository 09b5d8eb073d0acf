namespace Connectivity.Model.Connections;

/// <summary>An SSH tunnel to reach the broker (spec §1.6); credentials are <see cref="PlainCredentials"/> or <see cref="PublicKeyCredentials"/>.</summary>
public sealed record SshTunnel(bool Enabled, string Uri, Credentials Credentials, bool ValidateHost, IReadOnlyList<string> KnownHosts)
{
    public IReadOnlyList<string> KnownHosts { get; init => field = EquatableList<string>.From(value); } = EquatableList<string>.From(KnownHosts);
}
