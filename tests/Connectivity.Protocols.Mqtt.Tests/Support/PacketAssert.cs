using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Text;
using Xunit;

namespace Connectivity.Protocols.Mqtt.Tests.Support;

/// <summary>
/// Structural comparison of packets: records holding <see cref="ReadOnlyMemory{T}"/> or lists do
/// not compare by value, so both sides are rendered to a canonical text (bytes as hex, lists
/// element-wise, records property by property) and the texts compared.
/// </summary>
public static class PacketAssert
{
    public static void Equal(object? expected, object? actual) => Assert.Equal(Describe(expected), Describe(actual));

    public static string Describe(object? value)
    {
        var builder = new StringBuilder();
        Append(builder, value);
        return builder.ToString();
    }

    private static void Append(StringBuilder builder, object? value)
    {
        switch (value)
        {
            case null:
                builder.Append("null");
                break;
            case string text:
                builder.Append('"').Append(text).Append('"');
                break;
            case ReadOnlyMemory<byte> memory:
                builder.Append("0x").Append(Convert.ToHexString(memory.Span));
                break;
            case Enum or bool or byte or ushort or uint or int or long:
                builder.Append(Convert.ToString(value, CultureInfo.InvariantCulture));
                break;
            case IEnumerable items:
                builder.Append('[');
                foreach (var item in items)
                {
                    Append(builder, item);
                    builder.Append(", ");
                }

                builder.Append(']');
                break;
            default:
                AppendRecord(builder, value);
                break;
        }
    }

    private static void AppendRecord(StringBuilder builder, object value)
    {
        var type = value.GetType();
        builder.Append(type.Name).Append(" { ");
        foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
                     .Where(property => property.GetIndexParameters().Length == 0)
                     .OrderBy(property => property.Name, StringComparer.Ordinal))
        {
            builder.Append(property.Name).Append(" = ");
            Append(builder, property.GetValue(value));
            builder.Append("; ");
        }

        builder.Append('}');
    }
}
