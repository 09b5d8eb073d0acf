using System.Buffers;
using Connectivity.Service.Monitoring.Fluent;
using Xunit;

namespace Connectivity.Service.Tests.Monitoring.Fluent;

/// <summary>Byte sequences from the MessagePack spec's format table (cross-checked with python3-msgpack's packb).</summary>
public class MessagePackWriterTests
{
    [Theory]
    [InlineData(0L, "00")]
    [InlineData(127L, "7f")]
    [InlineData(128L, "cc80")]
    [InlineData(255L, "ccff")]
    [InlineData(256L, "cd0100")]
    [InlineData(65535L, "cdffff")]
    [InlineData(65536L, "ce00010000")]
    [InlineData(4294967295L, "ceffffffff")]
    [InlineData(4294967296L, "cf0000000100000000")]
    [InlineData(-1L, "ff")]
    [InlineData(-32L, "e0")]
    [InlineData(-33L, "d0df")]
    [InlineData(-128L, "d080")]
    [InlineData(-129L, "d1ff7f")]
    [InlineData(-32768L, "d18000")]
    [InlineData(-32769L, "d2ffff7fff")]
    [InlineData(-2147483648L, "d280000000")]
    [InlineData(-2147483649L, "d3ffffffff7fffffff")]
    [InlineData(long.MinValue, "d38000000000000000")]
    public void WriteInteger_should_use_the_shortest_format_when_writing_a_signed_value(long value, string expected) =>
        AssertBytes(expected, writer => writer.WriteInteger(value));

    [Fact]
    public void WriteInteger_should_write_uint64_when_the_value_exceeds_int64() =>
        AssertBytes("cfffffffffffffffff", writer => writer.WriteInteger(ulong.MaxValue));

    [Fact]
    public void Write_should_produce_the_spec_bytes_when_writing_nil_booleans_and_doubles()
    {
        AssertBytes("c0", writer => writer.WriteNil());
        AssertBytes("c3", writer => writer.WriteBoolean(true));
        AssertBytes("c2", writer => writer.WriteBoolean(false));
        AssertBytes("cb3ff8000000000000", writer => writer.WriteDouble(1.5));
        AssertBytes("cbbff0000000000000", writer => writer.WriteDouble(-1));
    }

    [Theory]
    [InlineData(0, "a0")]
    [InlineData(1, "a1")]
    [InlineData(31, "bf")]
    [InlineData(32, "d920")]
    [InlineData(255, "d9ff")]
    [InlineData(256, "da0100")]
    [InlineData(65535, "daffff")]
    [InlineData(65536, "db00010000")]
    public void WriteString_should_use_the_shortest_header_when_writing_a_string_of_that_length(int length, string expectedHeader)
    {
        var text = new string('x', length);

        var bytes = Write(writer => writer.WriteString(text));

        Assert.Equal(expectedHeader, Convert.ToHexStringLower(bytes[..(expectedHeader.Length / 2)]));
        Assert.Equal(expectedHeader.Length / 2 + length, bytes.Length);
        Assert.All(bytes[(expectedHeader.Length / 2)..], b => Assert.Equal((byte)'x', b));
    }

    [Fact]
    public void WriteString_should_count_utf8_bytes_when_the_text_is_not_ascii() =>
        AssertBytes("a2c3a9", writer => writer.WriteString("é"));

    [Theory]
    [InlineData(0, "c400")]
    [InlineData(255, "c4ff")]
    [InlineData(256, "c50100")]
    [InlineData(65536, "c600010000")]
    public void WriteBinary_should_use_bin8_bin16_or_bin32_when_writing_bytes_of_that_length(int length, string expectedHeader)
    {
        var bytes = Write(writer => writer.WriteBinary(new byte[length]));

        Assert.Equal(expectedHeader, Convert.ToHexStringLower(bytes[..(expectedHeader.Length / 2)]));
        Assert.Equal(expectedHeader.Length / 2 + length, bytes.Length);
    }

    [Theory]
    [InlineData(0, "90", "80")]
    [InlineData(15, "9f", "8f")]
    [InlineData(16, "dc0010", "de0010")]
    [InlineData(65535, "dcffff", "deffff")]
    [InlineData(65536, "dd00010000", "df00010000")]
    public void Headers_should_use_fix_16_or_32_formats_when_writing_arrays_and_maps_of_that_size(int count, string array, string map)
    {
        AssertBytes(array, writer => writer.WriteArrayHeader(count));
        AssertBytes(map, writer => writer.WriteMapHeader(count));
    }

    [Theory]
    [InlineData(1, "d405")]
    [InlineData(2, "d505")]
    [InlineData(4, "d605")]
    [InlineData(8, "d705")]
    [InlineData(16, "d805")]
    [InlineData(3, "c70305")]
    [InlineData(256, "c8010005")]
    public void WriteExtension_should_use_fixext_when_the_length_fits_else_ext(int length, string expectedHeader)
    {
        var bytes = Write(writer => writer.WriteExtension(5, new byte[length]));

        Assert.Equal(expectedHeader, Convert.ToHexStringLower(bytes[..(expectedHeader.Length / 2)]));
        Assert.Equal(expectedHeader.Length / 2 + length, bytes.Length);
    }

    [Fact]
    public void WriteEventTime_should_write_fixext8_type0_with_seconds_and_nanoseconds_when_the_time_has_a_fraction()
    {
        var time = DateTimeOffset.FromUnixTimeSeconds(1_700_000_000).AddTicks(1_234_567);

        AssertBytes("d7006553f100075bccbc", writer => writer.WriteEventTime(time));
    }

    [Fact]
    public void WriteEventTime_should_use_utc_seconds_when_the_time_has_an_offset()
    {
        var time = new DateTimeOffset(2023, 11, 15, 0, 13, 20, TimeSpan.FromHours(2));

        AssertBytes("d7006553f10000000000", writer => writer.WriteEventTime(time));
    }

    [Fact]
    public void WriteValue_should_write_records_with_every_supported_value_type_when_given_a_map()
    {
        var record = new List<KeyValuePair<string, object?>>
        {
            new("s", "x"),
            new("n", null),
            new("b", true),
            new("i", 5),
            new("l", -33L),
            new("d", 1.5),
            new("bytes", new byte[] { 1, 2 }),
            new("list", new[] { "a" }),
        };

        AssertBytes(
            "88" + "a173a178" + "a16ec0" + "a162c3" + "a16905" + "a16cd0df" + "a164cb3ff8000000000000"
            + "a56279746573c4020102" + "a46c69737491a161",
            writer => writer.WriteValue(record));
    }

    private static void AssertBytes(string expectedHex, Action<MessagePackWriter> write) =>
        Assert.Equal(expectedHex, Convert.ToHexStringLower(Write(write)));

    private static byte[] Write(Action<MessagePackWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>();
        write(new MessagePackWriter(buffer));
        return buffer.WrittenSpan.ToArray();
    }
}
