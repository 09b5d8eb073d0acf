using System.Diagnostics;
using Connectivity.Gateway.Tests.Infrastructure;
using Xunit;
using Xunit.Abstractions;
using static Connectivity.Gateway.Tests.Cluster.ClusterApi;
using static Connectivity.Gateway.Tests.Infrastructure.Api;

namespace Connectivity.Gateway.Tests.Cluster;

/// <summary>
/// Cluster mode: a node frozen with SIGSTOP past its lease TTL while its connections are modified elsewhere, then
/// resumed with SIGCONT. The journal must show no write of the frozen node under a superseded lease, and the node rejoins.
/// </summary>
public sealed class ClusterFencingTests(FencingClusterFixture cluster, ITestOutputHelper output) : IClassFixture<FencingClusterFixture>
{
    private static readonly TimeSpan TakeoverDeadline = TimeSpan.FromSeconds(30);

    /// <summary>The timeout of each modification, sent as Ditto's <c>timeout</c> header: the service gives a command up then.</summary>
    private static readonly TimeSpan ModificationTimeout = TimeSpan.FromSeconds(10);

    /// <summary>Slack for a command checked just before its deadline and applied just after it.</summary>
    private static readonly TimeSpan DeadlineSlack = TimeSpan.FromMilliseconds(500);

    [Fact]
    public async Task Journal_should_hold_no_write_of_a_frozen_node_under_a_superseded_lease_when_it_resumes_after_a_takeover()
    {
        var nodes = cluster.Running;
        var ids = await CreateOpenAsync(nodes, 9, "fence", cluster.Sink.Uri, "v0");
        var runners = await RunnersAsync(nodes[0], ids, nodes.Select(n => n.NodeId).ToArray(), TimeSpan.FromSeconds(30));
        var frozen = cluster.Node(runners.GroupBy(r => r.Value).OrderByDescending(g => g.Count()).First().Key);
        var others = nodes.Where(n => n != frozen).ToList();
        var owned = runners.Where(r => r.Value == frozen.NodeId).Select(r => r.Key).ToList();
        var shards = owned.Select(ShardOf).Distinct().ToList();
        foreach (var shard in shards)
        {
            var lease = await cluster.LiveLeaseAsync(shard);
            output.WriteLine($"shard {shard}: lease {lease} before the freeze");
        }

        // Freeze the node that runs the most connections.
        var freezeStart = await cluster.DatabaseNowAsync();
        var stopwatch = Stopwatch.StartNew();
        ClusterFixture.Freeze(frozen);
        var takeoverWatch = Task.Run(async () =>
        {
            var (_, elapsed) = await Eventually.UntilAsync(
                async () =>
                {
                    foreach (var shard in shards)
                    {
                        if (await cluster.LiveLeaseAsync(shard) is not { } lease || lease.Owner == frozen.NodeId)
                        {
                            return false;
                        }
                    }

                    return true;
                },
                done => done, TakeoverDeadline, done => $"taken over: {done}", TimeSpan.FromMilliseconds(50));
            return elapsed;
        });
        output.WriteLine($"froze {frozen} (pid {frozen.Server.ProcessId}) running {owned.Count} connections on shards {string.Join(", ", shards)}");

        // Keep modifying its connections through the other nodes until its shards are taken over and writes succeed there.
        var acknowledged = new Dictionary<string, string>(StringComparer.Ordinal);
        var modifications = owned.ToDictionary(id => id, _ => new List<Modification>(), StringComparer.Ordinal);
        var afterTakeover = owned.ToDictionary(id => id, _ => 0, StringComparer.Ordinal);
        var attempts = 0;
        var failures = new List<string>();
        TimeSpan? takeover = null;
        while (afterTakeover.Values.Any(n => n < 2))
        {
            Assert.True(stopwatch.Elapsed < TakeoverDeadline,
                $"no takeover with acknowledged writes within {TakeoverDeadline}; acknowledged {acknowledged.Count}, failures: {string.Join(" | ", failures.TakeLast(5))}");
            var takenOver = true;
            foreach (var shard in shards)
            {
                takenOver &= await cluster.LiveLeaseAsync(shard) is { } lease && lease.Owner != frozen.NodeId;
            }

            if (takenOver && takeover is null)
            {
                takeover = await takeoverWatch;
                output.WriteLine($"TAKEOVER: shards of {frozen} owned by other nodes {takeover.Value.TotalMilliseconds:0} ms after SIGSTOP (LeaseTtl {ClusterFixture.LeaseTtl.TotalSeconds} s)");
            }

            foreach (var id in owned)
            {
                var tag = $"mod-{++attempts}";
                var sentAt = stopwatch.Elapsed;
                var answer = await PutAsync(others[attempts % others.Count].Client, ConnectionJson.HttpPush(id, "open", cluster.Sink.Uri, tag), ModificationTimeout);
                modifications[id].Add(new Modification(tag, sentAt, answer.IsSuccess));
                if (answer.IsSuccess)
                {
                    acknowledged[id] = tag;
                    afterTakeover[id] += takenOver ? 1 : 0;
                }
                else
                {
                    failures.Add($"{id} {tag}: {answer}");
                }
            }
        }

        output.WriteLine($"{attempts} modifications during the freeze, {failures.Count} not acknowledged" +
            (failures.Count > 0 ? $" (first: {failures[0]})" : string.Empty));

        // Queue one more modification per connection at the frozen node itself: it handles them right after SIGCONT.
        var authorization = frozen.Client.DefaultRequestHeaders.Authorization!.ToString();
        var late = new List<(string Id, RawHttp.Sent Sent)>();
        foreach (var id in owned)
        {
            var body = ConnectionJson.HttpPush(id, "open", cluster.Sink.Uri, "late").ToJsonString();
            late.Add((id, await RawHttp.SendAsync(frozen.Server.BaseAddress, "PUT", ConnectionPath(id).ToString(), authorization, body)));
            modifications[id].Add(new Modification("late", stopwatch.Elapsed, Acknowledged: false));
        }

        var frozenFor = stopwatch.Elapsed;
        ClusterFixture.Resume(frozen);
        using var stopAsking = new CancellationTokenSource();
        var idLists = AskIdsUntilAsync(frozen, ids, stopAsking.Token);
        output.WriteLine($"resumed {frozen} after {frozenFor.TotalMilliseconds:0} ms frozen");
        var lateAnswers = new Dictionary<string, Answer>(StringComparer.Ordinal);
        foreach (var (id, sent) in late)
        {
            using (sent)
            {
                lateAnswers[id] = await sent.AnswerAsync(TimeSpan.FromSeconds(60));
                output.WriteLine($"late PUT {id} at the resumed node: {lateAnswers[id]}");
            }
        }

        // It rejoins: up again in the membership table.
        var (_, rejoined) = await Eventually.UntilAsync(() => cluster.IsUpAsync(frozen.NodeId), up => up, TimeSpan.FromSeconds(30), up => $"up {up}");
        output.WriteLine($"{frozen} up in cluster_members again {rejoined.TotalMilliseconds:0} ms after the late answers");

        // The journal: no row by the frozen node written after the freeze began under an epoch below its shard's current lease.
        var stale = new List<string>();
        foreach (var id in owned)
        {
            var lease = await cluster.LiveLeaseAsync(ShardOf(id));
            var epochNow = lease?.Epoch ?? long.MaxValue;
            var rows = await cluster.QueryAsync(
                $"SELECT sequence_nr, epoch, written_at FROM {cluster.Table("journal")} WHERE persistence_id = @p0 AND writer = @p1 AND written_at > @p2 ORDER BY sequence_nr",
                r => (Seq: r.GetInt64(0), Epoch: r.IsDBNull(1) ? -1 : r.GetInt64(1), At: r.GetFieldValue<DateTime>(2)),
                "connection:" + id, frozen.NodeId, freezeStart);
            output.WriteLine($"{id} (shard {ShardOf(id)}, lease now {lease}): {rows.Count} rows by {frozen} since the freeze");
            stale.AddRange(rows.Where(r => r.Epoch < epochNow).Select(r => $"{id} seq {r.Seq} epoch {r.Epoch} < {epochNow} at {r.At:O}"));
        }

        Assert.True(stale.Count == 0, $"rows written by {frozen} under a superseded lease: {string.Join("; ", stale)}");

        // And over the whole journal: per connection, epochs never go down in sequence order (a stale writer never interleaves).
        var regressions = await cluster.QueryAsync(
            $"""
            SELECT persistence_id, sequence_nr, writer, epoch, previous FROM (
                SELECT persistence_id, sequence_nr, writer, epoch, lag(epoch) OVER (PARTITION BY persistence_id ORDER BY sequence_nr) AS previous
                FROM {cluster.Table("journal")} WHERE persistence_id LIKE 'connection:%') j
            WHERE epoch < previous
            """,
            r => $"{r.GetString(0)} seq {r.GetInt64(1)} by {r.GetString(2)} epoch {r.GetInt64(3)} after {r.GetInt64(4)}");
        Assert.True(regressions.Count == 0, $"epoch regressions: {string.Join("; ", regressions)}");

        // No modification was written after its deadline: a command held up somewhere (on the frozen node, in a
        // forward) is dropped, not re-timed at each hop and applied after newer ones (the database clock dates rows).
        foreach (var id in owned)
        {
            var rows = await cluster.QueryAsync(
                $"SELECT sequence_nr, payload, written_at FROM {cluster.Table("journal")} WHERE persistence_id = @p0 AND written_at > @p1 ORDER BY sequence_nr",
                r => (Seq: r.GetInt64(0), Tag: TagOf(r.GetString(1)), At: r.GetFieldValue<DateTime>(2)),
                "connection:" + id, freezeStart);
            foreach (var row in rows)
            {
                if (modifications[id].FirstOrDefault(m => m.Tag == row.Tag) is { Tag: not "late" } modification)
                {
                    var writtenAfter = row.At - freezeStart;
                    Assert.True(writtenAfter <= modification.SentAt + ModificationTimeout + DeadlineSlack,
                        $"{id} {row.Tag} (seq {row.Seq}) sent {modification.SentAt.TotalMilliseconds:0} ms after the freeze with timeout {ModificationTimeout} was written {writtenAfter.TotalMilliseconds:0} ms after it");
                }
            }
        }

        // Every late command got a proper answer (applied, or refused with a Ditto error such as 503 "try again").
        foreach (var (id, answer) in lateAnswers)
        {
            Assert.True(answer.IsSuccess || answer.IsDittoError, $"late PUT {id} at the resumed node: {answer}");
        }

        // No modification is applied after a newer acknowledged one, unless it may still have been pending then: the
        // final state is the last acknowledged modification or one whose deadline had not passed when that one was sent.
        foreach (var id in owned)
        {
            var final = (await others[0].Client.GetJsonObjectAsync(ConnectionPath(id)))["tags"]![0]!.GetValue<string>();
            var lastAcknowledged = modifications[id].Last(m => m.Acknowledged);
            var allowed = modifications[id]
                .Where(m => m == lastAcknowledged || (!m.Acknowledged && m.SentAt + ModificationTimeout + DeadlineSlack > lastAcknowledged.SentAt))
                .Select(m => m.Tag)
                .ToList();
            output.WriteLine($"{id}: final tag {final}; last acknowledged {lastAcknowledged.Tag}; allowed {string.Join(", ", allowed)}");
            Assert.True(allowed.Contains(final), $"{id} ends as {final}, applied after the acknowledged {lastAcknowledged.Tag}; allowed: {string.Join(", ", allowed)}");
        }

        // The resumed node answers correctly: the same connections and fields the others see, and it runs connections again or not at all.
        foreach (var id in ids)
        {
            var reference = (await others[0].Client.GetJsonObjectAsync(ConnectionPath(id)))["tags"]!.ToJsonString();
            await Eventually.UntilAsync(
                () => GetAsync(frozen.Client, ConnectionPath(id)),
                a => a.Status == 200 && a.Body?["tags"]?.ToJsonString() == reference,
                TimeSpan.FromSeconds(15),
                a => $"{id} at {frozen}: {a}; others: {reference}");
            var (runner, _) = await OpenOnAsync(frozen, id, nodes.Select(n => n.NodeId).ToArray(), TimeSpan.FromSeconds(30));
            Assert.NotNull(runner);
        }

        // Meanwhile the root singleton may have moved back to the resumed node: the id retrieval waited for it, no "try again".
        stopAsking.Cancel();
        var (asked, wrong) = await idLists;
        output.WriteLine($"retrieveAllConnectionIds at {frozen} since the resume: {asked} answers, {wrong.Count} without every id");
        Assert.True(asked > 0 && wrong.Count == 0, $"{frozen} answered retrieveAllConnectionIds without every id: {string.Join(" | ", wrong.Take(5))}");
    }

    /// <summary>Asks the node for every connection id until cancelled; returns how many answers came and those lacking an id.</summary>
    private static async Task<(int Asked, List<string> Wrong)> AskIdsUntilAsync(ClusterMember node, IReadOnlyList<string> ids, CancellationToken stop)
    {
        var (asked, wrong) = (0, new List<string>());
        while (!stop.IsCancellationRequested)
        {
            var answer = await node.Client.PiggybackAsync(IdsRetrieval, Command("retrieveAllConnectionIds"));
            var all = Strings(answer["connectionIds"]);
            asked++;
            if (!ids.All(all.Contains))
            {
                wrong.Add(answer.ToJsonString());
            }

            await Task.Delay(TimeSpan.FromMilliseconds(20), CancellationToken.None);
        }

        return (asked, wrong);
    }

    private static string? TagOf(string payload) =>
        System.Text.RegularExpressions.Regex.Match(payload, "\"tags\":\\[\"([^\"]*)\"") is { Success: true } match ? match.Groups[1].Value : null;

    private sealed record Modification(string Tag, TimeSpan SentAt, bool Acknowledged);
}
