using System.Net;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// The payload mapping limits come from <c>Connectivity:Mapping</c> (Ditto's <c>ditto.connectivity.mapping</c>): a
/// server started with a smaller script size refuses larger scripts, and one given a limit the sandbox cannot honour
/// does not start, naming the setting.
/// </summary>
public sealed class MappingConfigurationTests
{
    private const string Unused = "http://127.0.0.1:9";

    [Fact]
    public async Task Server_should_refuse_scripts_larger_than_its_configured_size_and_accept_smaller_ones()
    {
        await using var server = await ServerProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["Connectivity__Mapping__MaxScriptSizeBytes"] = "200",
        });
        var small = "function mapToDittoProtocolMsg() { return null; }";
        var large = small + "\n// " + new string('x', 200);

        using var refused = await server.Client.PutAsync(
            ConnectionPath(ConnectionJson.NewId("large-script")),
            Json(ConnectionJson.WithMapping(ConnectionJson.HttpPush(null, "closed", Unused), "js", ConnectionJson.JavaScript(large))));
        using var accepted = await server.Client.PutAsync(
            ConnectionPath(ConnectionJson.NewId("small-script")),
            Json(ConnectionJson.WithMapping(ConnectionJson.HttpPush(null, "closed", Unused), "js", ConnectionJson.JavaScript(small))));

        var error = await refused.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connection.configuration.invalid");
        Assert.Contains("allowed <200> bytes", $"{error["message"]} {error["description"]}", StringComparison.Ordinal);
        Assert.True(accepted.StatusCode == HttpStatusCode.Created, $"{accepted.StatusCode}: {await accepted.Content.ReadAsStringAsync()}");
    }

    [Fact]
    public async Task Server_should_not_start_with_a_limit_the_sandbox_cannot_honour()
    {
        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => ServerProcess.StartAsync(environment: new Dictionary<string, string>
        {
            ["Connectivity__Mapping__MaxScriptStackDepth"] = "5000",
        }));

        Assert.Contains("Connectivity:Mapping is invalid", failure.Message, StringComparison.Ordinal);
        Assert.Contains("MaxScriptStackDepth", failure.Message, StringComparison.Ordinal);
    }
}
