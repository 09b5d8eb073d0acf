using System.Text.Json.Nodes;
using Connectivity.Model.Errors;

namespace Connectivity.Model.Connections;

/// <summary>JSON of <see cref="Credentials"/>: <c>type</c> first, then the type's fields (spec §1.5).</summary>
internal static class CredentialsJson
{
    public static Credentials Read(JsonRead json)
    {
        var type = json.RequiredString("type");
        return type switch
        {
            PlainCredentials.TypeName => new PlainCredentials(json.RequiredString("username"), json.RequiredString("password")),
            ClientCertificateCredentials.TypeName => new ClientCertificateCredentials(json.String("cert"), json.String("key")),
            HmacCredentials.TypeName => new HmacCredentials(json.RequiredString("algorithm"), json.RequiredObject("parameters")),
            OAuthClientCredentials.TypeName => new OAuthClientCredentials(
                json.RequiredString("tokenEndpoint"),
                json.RequiredString("clientId"),
                json.RequiredString("clientSecret"),
                json.RequiredString("requestedScopes"),
                json.String("audience")),
            OAuthPasswordCredentials.TypeName => new OAuthPasswordCredentials(
                json.RequiredString("tokenEndpoint"),
                json.RequiredString("clientId"),
                json.String("clientSecret"),
                json.RequiredString("requestedScopes"),
                json.RequiredString("username"),
                json.RequiredString("password"),
                json.String("audience")),
            PublicKeyCredentials.TypeName => new PublicKeyCredentials(
                json.RequiredString("username"), json.RequiredString("publicKey"), json.RequiredString("privateKey")),
            _ => throw ConnectivityErrors.JsonInvalid(
                $"Unknown credential type <{type}>.",
                "Supported credential types are: plain, client-cert, hmac, oauth-client-credentials, oauth-password, public-key."),
        };
    }

    public static JsonObject Write(Credentials credentials)
    {
        var json = new JsonObject { ["type"] = credentials.Type };
        switch (credentials)
        {
            case PlainCredentials plain:
                json["username"] = plain.Username;
                json["password"] = plain.Password;
                break;
            case ClientCertificateCredentials clientCert:
                AddIfSet(json, "cert", clientCert.Cert);
                AddIfSet(json, "key", clientCert.Key);
                break;
            case HmacCredentials hmac:
                json["algorithm"] = hmac.Algorithm;
                json["parameters"] = hmac.Parameters;
                break;
            case OAuthClientCredentials oauth:
                json["tokenEndpoint"] = oauth.TokenEndpoint;
                json["clientId"] = oauth.ClientId;
                json["clientSecret"] = oauth.ClientSecret;
                json["requestedScopes"] = oauth.RequestedScopes;
                AddIfSet(json, "audience", oauth.Audience);
                break;
            case OAuthPasswordCredentials oauth:
                json["tokenEndpoint"] = oauth.TokenEndpoint;
                json["clientId"] = oauth.ClientId;
                AddIfSet(json, "clientSecret", oauth.ClientSecret);
                json["requestedScopes"] = oauth.RequestedScopes;
                json["username"] = oauth.Username;
                json["password"] = oauth.Password;
                AddIfSet(json, "audience", oauth.Audience);
                break;
            case PublicKeyCredentials publicKey:
                json["username"] = publicKey.Username;
                json["publicKey"] = publicKey.PublicKey;
                json["privateKey"] = publicKey.PrivateKey;
                break;
        }

        return json;
    }

    private static void AddIfSet(JsonObject json, string field, string? value)
    {
        if (value is not null)
        {
            json[field] = value;
        }
    }
}
