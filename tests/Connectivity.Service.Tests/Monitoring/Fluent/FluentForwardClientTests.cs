using System.Net;
using System.Net.Sockets;
using System.Text.Json.Nodes;
using Connectivity.Service.Monitoring.Fluent;
using Connectivity.TestKit.Fluent;
using Microsoft.Extensions.Logging.Abstractions;
using Xunit;

namespace Connectivity.Service.Tests.Monitoring.Fluent;

/// <summary>The Forward-protocol client against the real forward_sink.py (python3-msgpack), started per test.</summary>
public class FluentForwardClientTests
{
    [Theory]
    [InlineData(ForwardMode.Forward, false)]
    [InlineData(ForwardMode.Forward, true)]
    [InlineData(ForwardMode.PackedForward, false)]
    [InlineData(ForwardMode.PackedForward, true)]
    public async Task Emit_should_deliver_tag_time_and_record_when_the_sink_runs(ForwardMode mode, bool ackResponseMode)
    {
        await using var sink = await ForwardSink.StartNewAsync();
        var options = FastOptions(sink);
        options.Mode = mode;
        options.AckResponseMode = ackResponseMode;
        await using var client = NewClient(options);
        var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(1_234_567);

        Assert.True(client.Emit("tag.a", time, [new("s", "text"), new("i", 42), new("b", true), new("n", null), new("d", 0.5)]));
        Assert.True(client.Emit("tag.b", time.AddSeconds(1), [new("s", "second")]));
        Assert.True(client.Emit("tag.a", time.AddSeconds(2), [new("s", "third")]));
        var events = await sink.WaitForEventsAsync(e => e.Count >= 3);

        Assert.Equal(3, events.Count);
        var byText = events.ToDictionary(e => (string)e["record"]!["s"]!);
        var first = byText["text"];
        Assert.Equal("tag.a", (string?)first["tag"]);
        Assert.Equal(1_700_000_000.1234567, (double)first["time"]!, 6);
        Assert.Equal(
            """{"s":"text","i":42,"b":true,"n":null,"d":0.5}""",
            first["record"]!.ToJsonString());
        Assert.Equal("tag.b", (string?)byText["second"]["tag"]);
        Assert.Equal("tag.a", (string?)byText["third"]["tag"]);
        Assert.Equal(1_700_000_002.1234567, (double)byText["third"]["time"]!, 6);
        await WaitUntilAsync(() => client.SentCount == 3); // counted once written (or acknowledged), maybe after the sink wrote its lines
    }

    [Fact]
    public async Task Emit_should_deliver_entries_emitted_while_the_sink_was_down_when_it_is_up_again()
    {
        await using var sink = await ForwardSink.StartNewAsync();
        await using var client = NewClient(FastOptions(sink));
        client.Emit("t", DateTimeOffset.UtcNow, [new("n", "before")]);
        await sink.WaitForEventsAsync(e => e.Count == 1);
        await WaitUntilAsync(() => client.SentCount == 1);

        await sink.StopAsync();
        await WaitUntilAsync(() => !client.IsConnected);
        var accepted = Enumerable.Range(0, 20).Select(i => client.Emit("t", DateTimeOffset.UtcNow, [new("n", $"down-{i}")])).ToList();
        Assert.All(accepted, Assert.True);
        Assert.Equal(20, client.BufferedCount);
        await sink.StartAsync();
        var events = await sink.WaitForEventsAsync(e => e.Count >= 21);

        Assert.Equal(["before", .. Enumerable.Range(0, 20).Select(i => $"down-{i}")], Names(events).ToArray());
        await WaitUntilAsync(() => client.SentCount == 21);
        Assert.Equal(0, client.DroppedCount);
    }

    [Fact]
    public async Task Emit_should_deliver_an_entry_written_just_after_the_sink_died_when_acks_are_on()
    {
        await using var sink = await ForwardSink.StartNewAsync();
        var options = FastOptions(sink);
        options.AckResponseMode = true;
        options.ReadTimeout = TimeSpan.FromSeconds(1);
        await using var client = NewClient(options);
        client.Emit("t", DateTimeOffset.UtcNow, [new("n", "first")]);
        await sink.WaitForEventsAsync(e => e.Count == 1);

        await sink.StopAsync();
        client.Emit("t", DateTimeOffset.UtcNow, [new("n", "unacknowledged")]);
        await sink.StartAsync();
        var events = await sink.WaitForEventsAsync(e => Names(e).Contains("unacknowledged"));

        Assert.Equal("first", Names(events)[0]);
    }

    [Fact]
    public async Task Emit_should_drop_the_oldest_entries_and_count_them_when_the_buffer_is_full_while_the_sink_is_down()
    {
        await using var sink = ForwardSink.Create();
        var entrySize = ForwardMessages.EncodeEntry(DateTimeOffset.UtcNow, [new("n", "entry-00")]).Length;
        var options = FastOptions(sink);
        options.MaxBufferSize = 5 * entrySize;
        options.BufferChunkRetentionSize = 5 * entrySize;
        await using var client = NewClient(options);

        for (var i = 0; i < 20; i++)
        {
            Assert.True(client.Emit("t", DateTimeOffset.UtcNow, [new("n", $"entry-{i:00}")]));
        }

        Assert.Equal((15L, 5), (client.DroppedCount, client.BufferedCount));
        await sink.StartAsync();
        var events = await sink.WaitForEventsAsync(e => e.Count >= 5);

        Assert.Equal(["entry-15", "entry-16", "entry-17", "entry-18", "entry-19"], Names(events));
    }

    [Fact]
    public async Task Sender_should_drop_and_count_a_chunk_when_its_retries_are_exhausted()
    {
        await using var sink = ForwardSink.Create();
        var options = FastOptions(sink);
        options.SenderMaxRetryCount = 1;
        await using var client = NewClient(options);

        client.Emit("t", DateTimeOffset.UtcNow, [new("n", "lost-1")]);
        client.Emit("t", DateTimeOffset.UtcNow, [new("n", "lost-2")]);
        await WaitUntilAsync(() => client.DroppedCount == 2);
        await sink.StartAsync();
        client.Emit("t", DateTimeOffset.UtcNow, [new("n", "kept")]);
        var events = await sink.WaitForEventsAsync(e => e.Count >= 1);

        Assert.Equal(["kept"], Names(events));
        await WaitUntilAsync(() => client.BufferedCount == 0);
        Assert.Equal(2, client.DroppedCount);
    }

    [Fact]
    public async Task DisposeAsync_should_send_what_is_buffered_when_the_retention_time_has_not_passed()
    {
        await using var sink = await ForwardSink.StartNewAsync();
        var options = FastOptions(sink);
        options.FlushAttemptInterval = TimeSpan.FromHours(1);
        options.BufferChunkRetentionTime = TimeSpan.FromHours(1);
        var client = NewClient(options);
        client.Emit("t", DateTimeOffset.UtcNow, [new("n", "a")]);
        client.Emit("t", DateTimeOffset.UtcNow, [new("n", "b")]);
        Assert.Empty(sink.ReadEvents());

        await client.DisposeAsync();
        var events = await sink.WaitForEventsAsync(e => e.Count >= 2);

        Assert.Equal(["a", "b"], Names(events));
        Assert.False(client.Emit("t", DateTimeOffset.UtcNow, [new("n", "after close")]));
    }

    [Fact]
    public async Task DisposeAsync_should_give_up_after_wait_until_buffer_flushed_when_the_sink_is_down()
    {
        await using var sink = ForwardSink.Create();
        var options = FastOptions(sink);
        options.WaitUntilBufferFlushed = TimeSpan.FromMilliseconds(300);
        var client = NewClient(options);
        client.Emit("t", DateTimeOffset.UtcNow, [new("n", "never sent")]);

        await client.DisposeAsync();

        Assert.Equal((1, 0L), (client.BufferedCount, client.SentCount));
    }

    [Fact]
    public async Task Emit_should_return_without_waiting_when_the_server_stops_reading()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var accepted = new List<TcpClient>();
        var accepting = AcceptForeverAsync(listener, accepted);
        var options = new FluencyOptions
        {
            Host = "127.0.0.1",
            Port = ((IPEndPoint)listener.LocalEndpoint).Port,
            FlushAttemptInterval = TimeSpan.FromMilliseconds(20),
            BufferChunkRetentionTime = TimeSpan.Zero,
            ReadTimeout = TimeSpan.FromMilliseconds(300),
            SenderBaseRetryInterval = TimeSpan.FromMilliseconds(20),
            SenderMaxRetryInterval = TimeSpan.FromMilliseconds(100),
            SenderMaxRetryCount = 1000,
            WaitUntilBufferFlushed = TimeSpan.FromMilliseconds(300),
        };
        var client = NewClient(options);
        var payload = new string('x', 100_000);

        var results = Enumerable.Range(0, 300).Select(i => client.Emit("t", DateTimeOffset.UtcNow, [new("n", i), new("p", payload)])).ToList();
        await WaitUntilAsync(() => accepted.Count > 0);
        await client.DisposeAsync();

        Assert.All(results, Assert.True);
        Assert.Equal(300, client.SentCount + client.BufferedCount + client.DroppedCount);
        listener.Stop();
        await accepting;
        accepted.ForEach(c => c.Dispose());
    }

    [Fact]
    public async Task Emit_should_return_false_without_throwing_when_the_record_cannot_be_enumerated()
    {
        await using var client = NewClient(new FluencyOptions { Host = "host.invalid", WaitUntilBufferFlushed = TimeSpan.Zero });

        Assert.False(client.Emit("t", DateTimeOffset.UtcNow, BrokenRecord()));
        Assert.True(client.Emit("t", DateTimeOffset.UtcNow, [new("n", "fine")]));
    }

    internal static FluencyOptions FastOptions(ForwardSink sink) => new()
    {
        Host = sink.Host,
        Port = sink.Port,
        FlushAttemptInterval = TimeSpan.FromMilliseconds(20),
        BufferChunkRetentionTime = TimeSpan.Zero,
        SenderBaseRetryInterval = TimeSpan.FromMilliseconds(20),
        SenderMaxRetryInterval = TimeSpan.FromMilliseconds(200),
        SenderMaxRetryCount = 1000,
        WaitUntilBufferFlushed = TimeSpan.FromSeconds(10),
    };

    internal static List<string> Names(IReadOnlyList<JsonObject> events) =>
        events.Select(e => (string)e["record"]!["n"]!).ToList();

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (!condition())
        {
            await Task.Delay(10, patience.Token);
        }
    }

    private static FluentForwardClient NewClient(FluencyOptions options) =>
        new(options, TimeProvider.System, NullLogger<FluentForwardClient>.Instance);

    private static IEnumerable<KeyValuePair<string, object?>> BrokenRecord()
    {
        yield return new("n", "partial");
        throw new InvalidOperationException("a record that breaks while being read");
    }

    private static async Task AcceptForeverAsync(TcpListener listener, List<TcpClient> accepted)
    {
        try
        {
            while (true)
            {
                var client = await listener.AcceptTcpClientAsync();
                lock (accepted)
                {
                    accepted.Add(client);
                }
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
        {
            // The listener was stopped.
        }
    }
}
