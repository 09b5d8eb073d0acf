using System.Globalization;
using System.Text;

namespace Connectivity.Model.Placeholders;

/// <summary>
/// URL form encoding as Java's <c>URLEncoder</c>/<c>URLDecoder</c> with UTF-8 (what Ditto's <c>fn:url-encode</c> and
/// <c>fn:url-decode</c> use): letters, digits and <c>.-*_</c> stay, space becomes <c>+</c>, everything else <c>%XX</c>.
/// </summary>
internal static class JavaUrlCoding
{
    public static string Encode(string value)
    {
        var builder = new StringBuilder(value.Length);
        foreach (var b in Encoding.UTF8.GetBytes(value))
        {
            var c = (char)b;
            if (char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '*' or '_')
            {
                builder.Append(c);
            }
            else if (c == ' ')
            {
                builder.Append('+');
            }
            else
            {
                builder.Append('%').Append(b.ToString("X2", CultureInfo.InvariantCulture));
            }
        }

        return builder.ToString();
    }

    /// <summary>Decodes <c>+</c> and <c>%XX</c> sequences; null when a <c>%</c> is not followed by two hex digits.</summary>
    public static string? TryDecode(string value)
    {
        var bytes = new List<byte>(value.Length);
        for (var i = 0; i < value.Length; i++)
        {
            var c = value[i];
            if (c == '+')
            {
                bytes.Add((byte)' ');
            }
            else if (c == '%')
            {
                if (i + 2 >= value.Length || !byte.TryParse(value.AsSpan(i + 1, 2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var b))
                {
                    return null;
                }

                bytes.Add(b);
                i += 2;
            }
            else
            {
                var length = char.IsHighSurrogate(c) && i + 1 < value.Length ? 2 : 1;
                bytes.AddRange(Encoding.UTF8.GetBytes(value.Substring(i, length)));
                i += length - 1;
            }
        }

        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
