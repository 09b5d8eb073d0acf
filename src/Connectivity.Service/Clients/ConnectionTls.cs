using System.Diagnostics.CodeAnalysis;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Connectivity.Model.Connections;

namespace Connectivity.Service.Clients;

/// <summary>
/// The TLS client settings of a connection, shared by the protocol bindings: <c>client-cert</c> credentials as the
/// client certificate, <c>ca</c> as the only trusted roots (the host name must still match), and
/// <c>validateCertificates=false</c> accepting any server certificate (spec §1.1, §1.5). Unreadable PEM is a
/// <see cref="ConnectionFailureException"/> of kind misconfigured.
/// </summary>
public static class ConnectionTls
{
    /// <summary>The client authentication options for <paramref name="connection"/>, with <paramref name="targetHost"/> for SNI and name checks.</summary>
    [SuppressMessage(
        "Security",
        "CA5359:Do not disable certificate validation",
        Justification = "validateCertificates=false is the connection owner's explicit choice (spec §1.1).")]
    public static SslClientAuthenticationOptions ClientOptions(Connection connection, string? targetHost = null)
    {
        var options = new SslClientAuthenticationOptions { TargetHost = targetHost };
        if (connection.Credentials is ClientCertificateCredentials { Cert: { } cert, Key: { } key })
        {
            options.ClientCertificates = [LoadClientCertificate(cert, key)];
        }

        if (!connection.ValidateCertificates)
        {
            options.RemoteCertificateValidationCallback = static (_, _, _, _) => true;
        }
        else if (connection.Ca is { } ca)
        {
            var trusted = LoadTrustedCertificates(ca);
            options.RemoteCertificateValidationCallback = (_, certificate, _, errors) =>
                certificate is not null && IsTrusted(certificate, errors, trusted);
        }

        return options;
    }

    private static X509Certificate2 LoadClientCertificate(string cert, string key)
    {
        try
        {
            return X509Certificate2.CreateFromPem(cert, key);
        }
        catch (CryptographicException e)
        {
            throw ConnectionFailureException.Misconfigured($"The client certificate or its key could not be read: {e.Message}", e);
        }
    }

    private static X509Certificate2Collection LoadTrustedCertificates(string ca)
    {
        var trusted = new X509Certificate2Collection();
        try
        {
            trusted.ImportFromPem(ca);
        }
        catch (CryptographicException e)
        {
            throw ConnectionFailureException.Misconfigured($"The trusted certificates ('ca') could not be read: {e.Message}", e);
        }

        return trusted.Count > 0
            ? trusted
            : throw ConnectionFailureException.Misconfigured("The trusted certificates ('ca') contain no PEM certificate.");
    }

    /// <summary>The server certificate must chain to one of the <c>ca</c> certificates; the host name must match.</summary>
    private static bool IsTrusted(X509Certificate certificate, SslPolicyErrors errors, X509Certificate2Collection trusted)
    {
        if (errors.HasFlag(SslPolicyErrors.RemoteCertificateNameMismatch) || errors.HasFlag(SslPolicyErrors.RemoteCertificateNotAvailable))
        {
            return false;
        }

        using var chain = new X509Chain();
        chain.ChainPolicy.TrustMode = X509ChainTrustMode.CustomRootTrust;
        chain.ChainPolicy.CustomTrustStore.AddRange(trusted);
        chain.ChainPolicy.RevocationMode = X509RevocationMode.NoCheck;
        using var server = new X509Certificate2(certificate);
        return chain.Build(server);
    }
}
