using System.Text;
using System.Text.Json;

namespace Connectivity.Bench;

/// <summary>
/// The payloads of the <c>bridge</c> benchmark: a Ditto Protocol live message of thing <c>org.acme:&lt;device&gt;</c>
/// whose value is <c>{"seq":n,"sentAt":ticks}</c> (for the Ditto mapper and the raw reference), or that value alone
/// (for the JavaScript mapper, which builds the live message). <see cref="TryRead"/> finds <c>seq</c> and
/// <c>sentAt</c> in either and in what the service publishes (the live message, re-serialized).
/// </summary>
internal static class BridgePayloads
{
    public static byte[] LiveMessage(int seq, string device, long sentAt) => Encoding.UTF8.GetBytes(
        $$"""{"topic":"org.acme/{{device}}/things/live/messages/telemetry","headers":{"correlation-id":"bench-{{seq}}"},"path":"/inbox/messages/telemetry","value":{{Value(seq, sentAt)}}}""");

    public static byte[] Plain(int seq, long sentAt) => Encoding.UTF8.GetBytes(Value(seq, sentAt));

    /// <summary>The first <c>seq</c> and <c>sentAt</c> properties at any depth; false when either is missing.</summary>
    public static bool TryRead(ReadOnlySpan<byte> payload, out int seq, out long sentAt)
    {
        (seq, sentAt) = (-1, -1);
        var reader = new Utf8JsonReader(payload);
        try
        {
            while ((seq < 0 || sentAt < 0) && reader.Read())
            {
                if (reader.TokenType != JsonTokenType.PropertyName)
                {
                    continue;
                }

                var isSeq = reader.ValueTextEquals("seq"u8);
                var isSentAt = !isSeq && reader.ValueTextEquals("sentAt"u8);
                if ((isSeq || isSentAt) && reader.Read() && reader.TokenType == JsonTokenType.Number)
                {
                    // a JavaScript mapper hands numbers on as doubles: ticks may come back as 1.2345E+14
                    var number = reader.TryGetInt64(out var integer) ? integer : (long)reader.GetDouble();
                    if (isSeq)
                    {
                        seq = (int)number;
                    }
                    else
                    {
                        sentAt = number;
                    }
                }
            }
        }
        catch (JsonException)
        {
            return false;
        }

        return seq >= 0 && sentAt >= 0;
    }

    private static string Value(int seq, long sentAt) => $$"""{"seq":{{seq}},"sentAt":{{sentAt}}}""";
}
