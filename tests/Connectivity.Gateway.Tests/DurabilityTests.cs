using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests;

/// <summary>
/// Crash and restart of the real server process on the same data directory: every acknowledged create survives a
/// SIGKILL, nothing that was never requested appears, and open connections reopen by themselves.
/// </summary>
public sealed class DurabilityTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const int Connections = 200;
    private const int KillAfterAnswers = 100;
    private static readonly TimeSpan ReopenDeadline = TimeSpan.FromSeconds(60);

    private HttpSink? sink;

    private HttpSink Sink => sink!;

    public async Task InitializeAsync() => sink = await HttpSink.StartAsync();

    public async Task DisposeAsync()
    {
        if (sink is not null)
        {
            await sink.DisposeAsync();
        }
    }

    private sealed record Planned(string Id, bool Open, string Tag, string Kind);

    [Fact]
    public async Task Server_should_keep_every_answered_create_and_reopen_open_ones_when_killed_mid_burst()
    {
        await using var server = await ServerProcess.StartAsync("durability-kill");
        try
        {
            var run = Guid.NewGuid().ToString("N")[..8];
            var planned = Enumerable.Range(0, Connections)
                .Select(i => new Planned($"dur-{run}-{i:D3}", i % 2 == 0, $"tag-{run}-{i:D3}", i % 2 == 0 ? $"kind-open-{run}" : $"kind-closed-{run}"))
                .ToList();
            var requested = new ConcurrentDictionary<string, Planned>();
            var answered = new ConcurrentDictionary<string, Planned>();
            var unexpected = new ConcurrentBag<string>();
            var answers = 0;
            var killed = 0;

            using var gate = new SemaphoreSlim(24);
            var burst = planned.Select(async p =>
            {
                await gate.WaitAsync();
                try
                {
                    if (Volatile.Read(ref killed) == 1)
                    {
                        return;
                    }

                    requested[p.Id] = p;
                    var body = ConnectionJson.HttpPush(p.Id, p.Open ? "open" : "closed", Sink.Uri, p.Tag, p.Kind);
                    using var response = await server.Client.PutAsync(ConnectionPath(p.Id), Json(body));
                    if (response.StatusCode == HttpStatusCode.Created)
                    {
                        answered[p.Id] = p;
                    }
                    else
                    {
                        unexpected.Add($"{p.Id}: {(int)response.StatusCode} {await response.BodyAsync()}");
                    }

                    if (Interlocked.Increment(ref answers) == KillAfterAnswers && Interlocked.Exchange(ref killed, 1) == 0)
                    {
                        server.KillHard();
                    }
                }
                catch (HttpRequestException)
                {
                    // in flight while the server died: it may or may not exist
                }
                catch (TaskCanceledException)
                {
                    // in flight while the server died
                }
                finally
                {
                    gate.Release();
                }
            });
            await Task.WhenAll(burst);

            Assert.Empty(unexpected);
            Assert.Equal(1, killed);
            Assert.True(answered.Count >= KillAfterAnswers, $"answered {answered.Count}");
            output.WriteLine($"requested {requested.Count}, answered 201: {answered.Count} ({answered.Values.Count(p => p.Open)} open)");

            var restart = Stopwatch.StartNew();
            await server.RestartAsync();
            output.WriteLine($"restarted in {restart.ElapsedMilliseconds} ms");

            // No connection that was never requested, every answered one present.
            var all = await server.Client.PiggybackAsync(IdsRetrieval, Command("retrieveAllConnectionIds"));
            var existing = Strings(all["connectionIds"]).ToHashSet(StringComparer.Ordinal);
            Assert.DoesNotContain(existing, id => !requested.ContainsKey(id));
            Assert.DoesNotContain(answered.Keys, id => !existing.Contains(id));
            output.WriteLine($"existing after restart: {existing.Count} (of which answered {answered.Count})");

            // More than the retrieve limit (100): the full list is refused, the ids still come.
            if (existing.Count > 100)
            {
                using var list = await server.Client.GetAsync(Route(ConnectionsPath));
                await list.ShouldBeErrorAsync(HttpStatusCode.BadRequest, "connectivity:connections.amount.illegal");
                using var idsOnly = await server.Client.GetAsync(Route(ConnectionsPath + "?ids-only=true"));
                Assert.Equal(existing.Count, (await idsOnly.ShouldBeJsonArrayAsync(HttpStatusCode.OK)).Count);
            }

            // Content intact for everything that exists (answered ones and in-flight ones that made it).
            await Task.WhenAll(existing.Select(async id =>
            {
                var p = requested[id];
                var connection = await server.Client.GetJsonObjectAsync(ConnectionPath(id));
                Assert.Equal(id, connection["id"]!.GetValue<string>());
                Assert.Equal(p.Open ? "open" : "closed", connection["connectionStatus"]!.GetValue<string>());
                Assert.Equal([p.Tag, p.Kind], Strings(connection["tags"]));
                Assert.Equal(Sink.Uri, connection["uri"]!.GetValue<string>());
            }));

            // Open ones come back open by themselves.
            var reopen = Stopwatch.StartNew();
            var openIds = existing.Where(id => requested[id].Open).ToList();
            var slowest = TimeSpan.Zero;
            await Task.WhenAll(openIds.Select(async id =>
            {
                var (_, took) = await Eventually.UntilAsync(
                    () => server.Client.GetJsonObjectAsync(ConnectionPath(id, "/status")),
                    s => s["liveStatus"]?.GetValue<string>() == "open",
                    ReopenDeadline,
                    s => s.ToJsonString(),
                    TimeSpan.FromMilliseconds(250));
                lock (openIds)
                {
                    slowest = took > slowest ? took : slowest;
                }
            }));
            output.WriteLine($"{openIds.Count} open connections reported liveStatus open {reopen.ElapsedMilliseconds} ms after the restart; slowest poll {slowest.TotalMilliseconds:0} ms");

            // Closed ones stay closed.
            foreach (var id in existing.Where(id => !requested[id].Open).Take(10))
            {
                var status = await server.Client.GetJsonObjectAsync(ConnectionPath(id, "/status"));
                Assert.Equal("closed", status["liveStatus"]!.GetValue<string>());
            }

            // Tags are found through the journal tags.
            await Task.WhenAll(answered.Values.Select(async p =>
            {
                var byTag = Command("connectivity.sudo.commands:sudoRetrieveConnectionIdsByTag");
                byTag["tag"] = p.Tag;
                var answer = await server.Client.PiggybackAsync(IdsRetrieval, byTag);
                Assert.Equal([p.Id], Strings(answer["connectionIds"]));
            }));
            foreach (var kind in new[] { $"kind-open-{run}", $"kind-closed-{run}" })
            {
                var byKind = Command("connectivity.sudo.commands:sudoRetrieveConnectionIdsByTag");
                byKind["tag"] = kind;
                var ids = Strings((await server.Client.PiggybackAsync(IdsRetrieval, byKind))["connectionIds"]).ToHashSet(StringComparer.Ordinal);
                Assert.Equal(existing.Where(id => requested[id].Kind == kind).ToHashSet(StringComparer.Ordinal), ids);
            }
        }
        catch
        {
            output.WriteLine(server.Output);
            throw;
        }
    }

    [Fact]
    public async Task Server_should_keep_everything_when_restarted_gracefully()
    {
        await using var server = await ServerProcess.StartAsync("durability-graceful");
        try
        {
            var openId = ConnectionJson.NewId("graceful-open");
            var closedId = ConnectionJson.NewId("graceful-closed");
            var modifiedId = ConnectionJson.NewId("graceful-modified");
            var deletedId = ConnectionJson.NewId("graceful-deleted");
            await server.Client.PutNewAsync(ConnectionJson.HttpPush(openId, "open", Sink.Uri, "g-open"));
            await server.Client.PutNewAsync(ConnectionJson.HttpPush(closedId, "closed", Sink.Uri, "g-closed"));
            await server.Client.PutNewAsync(ConnectionJson.HttpPush(modifiedId, "closed", Sink.Uri, "g-before"));
            await server.Client.PutNewAsync(ConnectionJson.HttpPush(deletedId, "closed", Sink.Uri));
            var modified = ConnectionJson.HttpPush(modifiedId, "closed", Sink.Uri, "g-after");
            modified["name"] = "modified before the restart";
            using (var put = await server.Client.PutAsync(ConnectionPath(modifiedId), Json(modified)))
            {
                Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            }

            using (var delete = await server.Client.DeleteAsync(ConnectionPath(deletedId)))
            {
                Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            }

            await Eventually.UntilAsync(
                () => server.Client.GetJsonObjectAsync(ConnectionPath(openId, "/status")),
                s => s["liveStatus"]?.GetValue<string>() == "open",
                ReopenDeadline,
                s => s.ToJsonString());

            var exitCode = await server.StopGracefullyAsync();
            output.WriteLine($"graceful stop exit code {exitCode}");
            Assert.Equal(0, exitCode);
            await server.RestartAsync();

            var ids = Strings((await server.Client.PiggybackAsync(IdsRetrieval, Command("retrieveAllConnectionIds")))["connectionIds"]);
            Assert.Equal(new[] { openId, closedId, modifiedId }.Order(StringComparer.Ordinal), ids);
            var modifiedAfter = await server.Client.GetJsonObjectAsync(Route($"{ConnectionsPath}/{modifiedId}?fields=id,name,tags,_revision"));
            Assert.Equal("modified before the restart", modifiedAfter["name"]!.GetValue<string>());
            Assert.Equal(["g-after"], Strings(modifiedAfter["tags"]));
            Assert.Equal(2, modifiedAfter["_revision"]!.GetValue<long>());
            using (var gone = await server.Client.GetAsync(ConnectionPath(deletedId)))
            {
                await gone.ShouldBeErrorAsync(HttpStatusCode.NotFound, "connectivity:connection.notfound");
            }

            var (_, took) = await Eventually.UntilAsync(
                () => server.Client.GetJsonObjectAsync(ConnectionPath(openId, "/status")),
                s => s["liveStatus"]?.GetValue<string>() == "open",
                ReopenDeadline,
                s => s.ToJsonString());
            output.WriteLine($"open connection reported liveStatus open {took.TotalMilliseconds:0} ms after the graceful restart");
            Assert.Equal("closed", (await server.Client.GetJsonObjectAsync(ConnectionPath(closedId, "/status")))["liveStatus"]!.GetValue<string>());

            var byTag = Command("connectivity.sudo.commands:sudoRetrieveConnectionIdsByTag");
            byTag["tag"] = "g-before";
            Assert.Empty(Strings((await server.Client.PiggybackAsync(IdsRetrieval, byTag))["connectionIds"]));
            byTag["tag"] = "g-after";
            Assert.Equal([modifiedId], Strings((await server.Client.PiggybackAsync(IdsRetrieval, byTag))["connectionIds"]));
        }
        catch
        {
            output.WriteLine(server.Output);
            throw;
        }
    }

    [Fact]
    public async Task Server_should_keep_snapshotted_modifications_and_deletions_when_killed_right_after_them()
    {
        await using var server = await ServerProcess.StartAsync("durability-snapshot");
        try
        {
            var id = ConnectionJson.NewId("snapshot");
            var deletedId = ConnectionJson.NewId("snapshot-deleted");
            await server.Client.PutNewAsync(ConnectionJson.HttpPush(id, "closed", Sink.Uri));
            await server.Client.PutNewAsync(ConnectionJson.HttpPush(deletedId, "open", Sink.Uri, "deleted-tag"));
            for (var i = 1; i <= 12; i++)
            {
                using var put = await server.Client.PutAsync(ConnectionPath(id), Json(ConnectionJson.HttpPush(id, "closed", Sink.Uri, $"v{i}")));
                Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            }

            using (var open = await server.Client.PostAsync(ConnectionPath(id, "/command"), Text("connectivity.commands:openConnection")))
            {
                Assert.Equal(HttpStatusCode.OK, open.StatusCode);
            }

            using (var delete = await server.Client.DeleteAsync(ConnectionPath(deletedId)))
            {
                Assert.Equal(HttpStatusCode.NoContent, delete.StatusCode);
            }

            server.KillHard();
            await server.RestartAsync();

            var connection = await server.Client.GetJsonObjectAsync(Route($"{ConnectionsPath}/{id}?fields=id,connectionStatus,tags,_revision"));
            Assert.Equal(14, connection["_revision"]!.GetValue<long>());
            Assert.Equal("open", connection["connectionStatus"]!.GetValue<string>());
            Assert.Equal(["v12"], Strings(connection["tags"]));
            using (var gone = await server.Client.GetAsync(ConnectionPath(deletedId)))
            {
                await gone.ShouldBeErrorAsync(HttpStatusCode.NotFound, "connectivity:connection.notfound");
            }

            var ids = Strings((await server.Client.PiggybackAsync(IdsRetrieval, Command("retrieveAllConnectionIds")))["connectionIds"]);
            Assert.Equal([id], ids);
            var byTag = Command("connectivity.sudo.commands:sudoRetrieveConnectionIdsByTag");
            byTag["tag"] = "deleted-tag";
            Assert.Empty(Strings((await server.Client.PiggybackAsync(IdsRetrieval, byTag))["connectionIds"]));
            byTag["tag"] = "v5";
            Assert.Empty(Strings((await server.Client.PiggybackAsync(IdsRetrieval, byTag))["connectionIds"]));
            var (_, took) = await Eventually.UntilAsync(
                () => server.Client.GetJsonObjectAsync(ConnectionPath(id, "/status")),
                s => s["liveStatus"]?.GetValue<string>() == "open",
                ReopenDeadline,
                s => s.ToJsonString());
            output.WriteLine($"reopened {took.TotalMilliseconds:0} ms after the restart");
        }
        catch
        {
            output.WriteLine(server.Output);
            throw;
        }
    }
}
