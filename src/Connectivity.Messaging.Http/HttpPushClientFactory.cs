using Connectivity.Model.Connections;
using Connectivity.Service.Clients;

namespace Connectivity.Messaging.Http;

/// <summary>Creates the <see cref="HttpPushClient"/> of <c>http-push</c> connections (spec §8.4).</summary>
public sealed class HttpPushClientFactory : IConnectionClientFactory
{
    private readonly TimeSpan connectTimeout;

    /// <param name="connectTimeout">How long opening a TCP (and TLS) connection may take; default <see cref="HttpPushClient.DefaultConnectTimeout"/>.</param>
    public HttpPushClientFactory(TimeSpan? connectTimeout = null) =>
        this.connectTimeout = connectTimeout ?? HttpPushClient.DefaultConnectTimeout;

    public ConnectionType Type => ConnectionType.HttpPush;

    public IConnectionClient Create(Connection connection, ClientContext context) => new HttpPushClient(connection, context, connectTimeout);
}
