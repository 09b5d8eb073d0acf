using System.Text.Json.Nodes;

namespace Connectivity.Model.Connections;

/// <summary>Connection credentials, polymorphic on the JSON <c>type</c> (spec §1.5).</summary>
public abstract record Credentials
{
    /// <summary>The JSON <c>type</c>, e.g. <c>plain</c> or <c>client-cert</c>.</summary>
    public abstract string Type { get; }
}

/// <summary><c>plain</c>: username and password (used by SSH tunnels).</summary>
public sealed record PlainCredentials(string Username, string Password) : Credentials
{
    public const string TypeName = "plain";

    public override string Type => TypeName;
}

/// <summary><c>client-cert</c>: PEM X.509 certificate and PEM PKCS#8 key, each optional.</summary>
public sealed record ClientCertificateCredentials(string? Cert = null, string? Key = null) : Credentials
{
    public const string TypeName = "client-cert";

    public override string Type => TypeName;
}

/// <summary><c>hmac</c>: request signing with an algorithm (<c>aws4-hmac-sha256</c>, <c>az-monitor-2016-04-01</c>, <c>az-sasl</c>) and its parameters.</summary>
public sealed record HmacCredentials : Credentials
{
    public const string TypeName = "hmac";

    public HmacCredentials(string algorithm, JsonObject parameters)
    {
        Algorithm = algorithm;
        Parameters = parameters;
    }

    public override string Type => TypeName;

    public string Algorithm { get; init; }

    /// <summary>Algorithm parameters; copied in and out so the record stays immutable.</summary>
    public JsonObject Parameters { get => (JsonObject)field.DeepClone(); init => field = (JsonObject)value.DeepClone(); }

    public bool Equals(HmacCredentials? other) =>
        other is not null && Algorithm == other.Algorithm && JsonNode.DeepEquals(Parameters, other.Parameters);

    public override int GetHashCode() => HashCode.Combine(Algorithm, Parameters.Count);
}

/// <summary><c>oauth-client-credentials</c>: OAuth2 client-credentials flow (http-push).</summary>
public sealed record OAuthClientCredentials(string TokenEndpoint, string ClientId, string ClientSecret, string RequestedScopes, string? Audience = null) : Credentials
{
    public const string TypeName = "oauth-client-credentials";

    public override string Type => TypeName;
}

/// <summary><c>oauth-password</c>: OAuth2 resource-owner password flow (http-push).</summary>
public sealed record OAuthPasswordCredentials(string TokenEndpoint, string ClientId, string? ClientSecret, string RequestedScopes, string Username, string Password, string? Audience = null) : Credentials
{
    public const string TypeName = "oauth-password";

    public override string Type => TypeName;
}

/// <summary><c>public-key</c>: SSH public-key authentication (SSH tunnels only).</summary>
public sealed record PublicKeyCredentials(string Username, string PublicKey, string PrivateKey) : Credentials
{
    public const string TypeName = "public-key";

    public override string Type => TypeName;
}
