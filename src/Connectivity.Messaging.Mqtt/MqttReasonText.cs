using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Connectivity.Messaging.Mqtt;

/// <summary>
/// Reason codes as people read them: <c>BadUserNameOrPassword</c>, 0x86 ⇒ <c>Bad user name or password (0x86)</c>; an
/// MQTT 3.1.1 return code reads <c>Bad user name or password (return code 4)</c>. Texts are kept once made: the
/// acknowledgement of every publish is described with one.
/// </summary>
internal static class MqttReasonText
{
    private static readonly ConcurrentDictionary<(string Name, byte Code, bool IsReturnCode), string> Texts = new();

    public static string Of(string name, byte code, bool isReturnCode = false) =>
        Texts.GetOrAdd((name, code, isReturnCode), static key => Make(key.Name, key.Code, key.IsReturnCode));

    private static string Make(string name, byte code, bool isReturnCode)
    {
        var words = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (name.AsSpan(i).StartsWith("QoS", StringComparison.Ordinal))
            {
                words.Append(i == 0 ? "QoS" : " QoS");
                i += 2;
                continue;
            }

            if (char.IsUpper(c) && i > 0)
            {
                words.Append(' ').Append(char.ToLowerInvariant(c));
            }
            else
            {
                words.Append(c);
            }
        }

        return isReturnCode
            ? string.Create(CultureInfo.InvariantCulture, $"{words} (return code {code})")
            : string.Create(CultureInfo.InvariantCulture, $"{words} (0x{code:X2})");
    }
}
