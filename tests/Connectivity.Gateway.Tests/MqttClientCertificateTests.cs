using System.Net;
using System.Text.Json.Nodes;
using Connectivity.Gateway.Tests.Infrastructure;
using Connectivity.TestKit.Mqtt;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Infrastructure.Api;
using static Connectivity.Gateway.Tests.Infrastructure.ConnectionLifecycle;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// An <c>mqtt-5</c> connection over TLS to a mosquitto that lets in only clients with a certificate its CA signed
/// (spec §1.5 <c>client-cert</c> credentials, §1.1 <c>ca</c>): with the certificate it tests, opens and consumes;
/// without it the test fails with the TLS handshake named, and nothing is stored.
/// </summary>
public sealed class MqttClientCertificateTests(GatewayFixture fixture, ITestOutputHelper output) : MosquittoPerTest, IClassFixture<GatewayFixture>
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    protected override MosquittoBrokerOptions BrokerOptions => new() { Tls = true, RequireClientCertificate = true };

    [Fact]
    public async Task A_connection_with_the_client_certificate_should_open_and_consume_and_one_without_should_fail_its_test()
    {
        using var withoutCertificate = await fixture.Client.PostAsync(Route(ConnectionsPath + "?dry-run=true"), Json(Secure(null, withCertificate: false)));
        var refused = await withoutCertificate.BodyAsync();
        output.WriteLine($"without certificate: {(int)withoutCertificate.StatusCode} {refused}");
        Assert.NotEqual(HttpStatusCode.OK, withoutCertificate.StatusCode);
        Assert.Equal("connectivity:connection.failed", JsonNode.Parse(refused)!["error"]!.GetValue<string>());

        using var tested = await fixture.Client.PostAsync(Route(ConnectionsPath + "?dry-run=true"), Json(Secure(null, withCertificate: true)));
        Assert.True(tested.StatusCode == HttpStatusCode.OK, await tested.BodyAsync());

        var id = ConnectionJson.NewId("client-cert");
        await fixture.Client.CreateOpenAsync(Secure(id, withCertificate: true), Deadline);
        await PublishAsync("secure/d1", """{"temp": 22}""", ("correlation-data", "corr-cert"));
        await fixture.Client.MetricsWhenAsync(id, m => Count(m, "inbound", "consumed") == 1, Deadline);
    }

    private JsonObject Secure(string? id, bool withCertificate)
    {
        var connection = MqttJson.Connection(id ?? ConnectionJson.NewId("dry-run"), Broker)
            .WithSources(MqttJson.Source("secure/#", "integration:devices"));
        connection["uri"] = $"ssl://{Broker.Host}:{Broker.TlsPort}";
        connection["ca"] = Broker.CaCertificatePem;
        if (withCertificate)
        {
            connection["credentials"] = new JsonObject
            {
                ["type"] = "client-cert",
                ["cert"] = Broker.ClientCertificatePem,
                ["key"] = Broker.ClientKeyPem,
            };
        }

        return connection;
    }
}
