using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.RegularExpressions;
using Connectivity.Model.Connections;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Validation;

/// <summary>
/// Credential, certificate and SSH tunnel rules (spec §1.3, §1.5, §1.6): PEM formats, HMAC algorithms and OAuth
/// per connection type, https token endpoints, tunnel URI, credentials and known-host fingerprints.
/// </summary>
internal static partial class CredentialRules
{
    private const string Pkcs8Label = "PRIVATE KEY";

    public static void Check(Connection connection, ConnectivityLimits limits, HostRules hosts)
    {
        if (connection.Ca is { } ca)
        {
            CheckCertificates(ca, "ca");
        }

        switch (connection.Credentials)
        {
            case ClientCertificateCredentials clientCert:
                if (clientCert.Cert is { } cert)
                {
                    CheckCertificates(cert, "client certificate");
                }

                if (clientCert.Key is { } key)
                {
                    CheckPkcs8Key(key, "client key");
                }

                break;
            case HmacCredentials hmac:
                CheckHmac(connection.Type, hmac);
                break;
            case OAuthClientCredentials oauth:
                CheckOAuth(connection.Type, oauth.TokenEndpoint, limits);
                break;
            case OAuthPasswordCredentials oauth:
                CheckOAuth(connection.Type, oauth.TokenEndpoint, limits);
                break;
        }

        if (connection.SshTunnel is { Enabled: true } tunnel)
        {
            CheckSshTunnel(connection.Type, tunnel, hosts);
        }
    }

    private static void CheckCertificates(string pem, string what)
    {
        try
        {
            var certificates = new X509Certificate2Collection();
            certificates.ImportFromPem(pem);
            if (certificates.Count == 0)
            {
                throw new CryptographicException("no certificate found");
            }
        }
        catch (CryptographicException e)
        {
            throw ConnectivityErrors.ConfigurationInvalid($"The {what} could not be parsed: {e.Message}", "Provide PEM encoded X.509 certificates.");
        }
    }

    private static void CheckPkcs8Key(string pem, string what)
    {
        if (!PemEncoding.TryFind(pem, out var fields) || pem[fields.Label] != Pkcs8Label)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The {what} is not a PEM encoded PKCS#8 private key.",
                "Provide the key with the header '-----BEGIN PRIVATE KEY-----' (PKCS#1 keys are not supported).");
        }
    }

    private static void CheckHmac(ConnectionType type, HmacCredentials hmac)
    {
        var allowed = hmac.Algorithm switch
        {
            "aws4-hmac-sha256" or "az-monitor-2016-04-01" => type == ConnectionType.HttpPush,
            "az-sasl" => type is ConnectionType.HttpPush or ConnectionType.Amqp10,
            _ => false,
        };
        if (!allowed)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The HMAC algorithm '{hmac.Algorithm}' is not supported for connection type '{type.ToWire()}'.",
                "Supported: aws4-hmac-sha256 and az-monitor-2016-04-01 for http-push; az-sasl for http-push and amqp-10.");
        }
    }

    private static void CheckOAuth(ConnectionType type, string tokenEndpoint, ConnectivityLimits limits)
    {
        if (type != ConnectionType.HttpPush)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"OAuth2 credentials are not supported for connection type '{type.ToWire()}'.", "OAuth2 credentials are supported for http-push only.");
        }

        var scheme = Uri.TryCreate(tokenEndpoint, UriKind.Absolute, out var uri) ? uri.Scheme : null;
        if (scheme is null || (limits.OAuthEnforceHttps ? scheme != "https" : scheme is not ("https" or "http")))
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The OAuth2 token endpoint '{tokenEndpoint}' is invalid.", "The token endpoint must be an absolute https URL.");
        }
    }

    private static void CheckSshTunnel(ConnectionType type, SshTunnel tunnel, HostRules hosts)
    {
        if (type is ConnectionType.Kafka or ConnectionType.Hono)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"SSH tunneling is not supported for connection type '{type.ToWire()}'.", "Remove the sshTunnel.");
        }

        if (!ConnectionUri.TryParse(tunnel.Uri, out var uri) || uri!.Scheme != "ssh" || uri.Username is not null)
        {
            throw ConnectivityErrors.ConfigurationInvalid(
                $"The SSH tunnel URI '{tunnel.Uri}' is invalid.", "The SSH tunnel URI must have the form ssh://host:port.");
        }

        hosts.Check(uri.Host);
        switch (tunnel.Credentials)
        {
            case PlainCredentials:
                break;
            case PublicKeyCredentials publicKey:
                CheckPkcs8Key(publicKey.PrivateKey, "SSH private key");
                break;
            default:
                throw ConnectivityErrors.ConfigurationInvalid(
                    $"The SSH tunnel credentials type '{tunnel.Credentials.Type}' is not supported.", "Use 'plain' or 'public-key' credentials.");
        }

        const string fingerprintHint = "Provide knownHosts as produced by 'ssh-keygen -l', prefixed by the algorithm, e.g. MD5:e0:3a:... or SHA256:base64.";
        var invalid = tunnel.KnownHosts.FirstOrDefault(h => !FingerprintRegex().IsMatch(h));
        if (invalid is not null)
        {
            throw ConnectivityErrors.ConfigurationInvalid($"The SSH known host fingerprint '{invalid}' is invalid.", fingerprintHint);
        }

        if (tunnel.ValidateHost && tunnel.KnownHosts.Count == 0)
        {
            throw ConnectivityErrors.ConfigurationInvalid("The SSH tunnel validates the host but has no knownHosts.", fingerprintHint);
        }
    }

    [GeneratedRegex(@"^(MD5|SHA1|SHA224|SHA256|SHA384|SHA512):\S+$", RegexOptions.CultureInvariant)]
    private static partial Regex FingerprintRegex();
}
