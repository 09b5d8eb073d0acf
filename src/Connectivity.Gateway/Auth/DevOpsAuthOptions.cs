namespace Connectivity.Gateway.Auth;

/// <summary>
/// HTTP Basic credentials of Ditto's DevOps realm. The user is <c>devops</c>; the password comes from
/// <c>DEVOPS_PASSWORD</c> (Ditto's variable). Without it the development password <c>foobar</c> applies,
/// which is accepted only while every listen address is a loopback address.
/// </summary>
public sealed class DevOpsAuthOptions
{
    public const string Section = "Connectivity:DevOps";
    public const string DevelopmentPassword = "foobar";
    public const string Realm = "DITTO-DEVOPS";

    public string User { get; set; } = "devops";

    /// <summary>The configured password; null means the development default.</summary>
    public string? Password { get; set; }
}
