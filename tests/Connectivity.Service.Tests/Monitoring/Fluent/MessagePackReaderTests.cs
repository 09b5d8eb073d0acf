using System.Buffers;
using Connectivity.Service.Monitoring.Fluent;
using Xunit;

namespace Connectivity.Service.Tests.Monitoring.Fluent;

public class MessagePackReaderTests
{
    [Fact]
    public void TryRead_should_decode_an_ack_response_when_the_server_sends_one()
    {
        var bytes = Convert.FromHexString("81a361636ba3616263");

        Assert.True(MessagePackReader.TryRead(bytes, out var value, out var consumed));

        Assert.Equal(bytes.Length, consumed);
        Assert.Equal("abc", ForwardMessages.AckOf(value));
    }

    [Fact]
    public void TryRead_should_report_incomplete_when_the_buffer_ends_inside_the_value()
    {
        var bytes = Convert.FromHexString("81a361636ba3616263");

        for (var length = 0; length < bytes.Length; length++)
        {
            Assert.False(MessagePackReader.TryRead(bytes.AsSpan(0, length), out _, out var consumed));
            Assert.Equal(0, consumed);
        }
    }

    [Fact]
    public void TryRead_should_consume_only_the_first_value_when_two_follow_each_other()
    {
        var bytes = Convert.FromHexString("81a361636ba161" + "81a361636ba162");

        Assert.True(MessagePackReader.TryRead(bytes, out var first, out var consumed));
        Assert.True(MessagePackReader.TryRead(bytes.AsSpan(consumed), out var second, out _));

        Assert.Equal(("a", "b"), (ForwardMessages.AckOf(first), ForwardMessages.AckOf(second)));
    }

    [Fact]
    public void TryRead_should_return_what_the_writer_wrote_when_reading_every_type()
    {
        var buffer = new ArrayBufferWriter<byte>();
        var writer = new MessagePackWriter(buffer);
        writer.WriteArrayHeader(12);
        writer.WriteNil();
        writer.WriteBoolean(true);
        writer.WriteInteger(-129L);
        writer.WriteInteger(70000L);
        writer.WriteInteger(ulong.MaxValue);
        writer.WriteDouble(2.25);
        writer.WriteString(new string('y', 300));
        writer.WriteBinary(new byte[] { 9 });
        writer.WriteExtension(0, new byte[8]);
        writer.WriteMapHeader(1);
        writer.WriteString("k");
        writer.WriteInteger(1L);
        writer.WriteArrayHeader(0);
        writer.WriteString("");

        Assert.True(MessagePackReader.TryRead(buffer.WrittenSpan, out var value, out var consumed));

        Assert.Equal(buffer.WrittenCount, consumed);
        var items = Assert.IsType<object?[]>(value);
        Assert.Null(items[0]);
        Assert.Equal(true, items[1]);
        Assert.Equal(-129L, items[2]);
        Assert.Equal(70000L, items[3]);
        Assert.Equal(ulong.MaxValue, items[4]);
        Assert.Equal(2.25, items[5]);
        Assert.Equal(new string('y', 300), items[6]);
        Assert.Equal(new byte[] { 9 }, items[7]);
        Assert.Equal(new MessagePackExtension(0, new byte[8]).Type, Assert.IsType<MessagePackExtension>(items[8]).Type);
        Assert.Equal(1L, Assert.IsType<Dictionary<object, object?>>(items[9])["k"]);
        Assert.Empty(Assert.IsType<object?[]>(items[10]));
        Assert.Equal("", items[11]);
    }

    [Fact]
    public void TryRead_should_throw_when_the_reserved_marker_appears() =>
        Assert.Throws<FormatException>(() => MessagePackReader.TryRead(new byte[] { 0xc1 }, out _, out _));

    [Fact]
    public void AckOf_should_be_null_when_the_response_is_not_an_ack_map()
    {
        Assert.Null(ForwardMessages.AckOf(new Dictionary<object, object?> { ["nack"] = "x" }));
        Assert.Null(ForwardMessages.AckOf("ack"));
        Assert.Null(ForwardMessages.AckOf(new Dictionary<object, object?> { ["ack"] = 5L }));
    }
}
