using System.Buffers;
using Connectivity.Service.Monitoring.Fluent;
using Xunit;

namespace Connectivity.Service.Tests.Monitoring.Fluent;

/// <summary>Forward protocol v1 messages, compared with what python3-msgpack's packb makes of the same structures.</summary>
public class ForwardMessagesTests
{
    private const string Entry = "92" + "d7006553f100075bccbc" + "82a16101a162a178";

    private static readonly DateTimeOffset Time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(1_234_567);

    [Fact]
    public void EncodeEntry_should_write_time_and_record_when_encoding_an_entry()
    {
        var entry = ForwardMessages.EncodeEntry(Time, [new("a", 1), new("b", "x")]);

        Assert.Equal(Entry, Convert.ToHexStringLower(entry));
    }

    [Fact]
    public void Encode_should_write_tag_entries_and_size_when_the_mode_is_forward()
    {
        var entry = ForwardMessages.EncodeEntry(Time, [new("a", 1), new("b", "x")]);
        var output = new ArrayBufferWriter<byte>();

        ForwardMessages.Encode(output, ForwardMode.Forward, "t", [entry], chunk: null);

        Assert.Equal("93" + "a174" + "91" + Entry + "81a473697a6501", Convert.ToHexStringLower(output.WrittenSpan));
    }

    [Fact]
    public void Encode_should_write_the_entries_as_one_bin_with_size_and_chunk_when_the_mode_is_packed_forward()
    {
        var entry = ForwardMessages.EncodeEntry(Time, [new("a", 1), new("b", "x")]);
        var output = new ArrayBufferWriter<byte>();

        ForwardMessages.Encode(output, ForwardMode.PackedForward, "t", [entry, entry], chunk: "c1");

        Assert.Equal(
            "93" + "a174" + "c426" + Entry + Entry + "82a473697a6502a56368756e6ba26331",
            Convert.ToHexStringLower(output.WrittenSpan));
    }

    [Fact]
    public void NewChunkId_should_be_base64_of_16_bytes_and_unique_when_called_twice()
    {
        var first = ForwardMessages.NewChunkId();

        Assert.Equal(16, Convert.FromBase64String(first).Length);
        Assert.NotEqual(first, ForwardMessages.NewChunkId());
    }
}
