using Connectivity.Messaging.Mqtt;
using Xunit;

namespace Connectivity.Service.Tests.Mqtt;

public sealed class MqttReasonTextTests
{
    [Theory]
    [InlineData("BadUserNameOrPassword", 0x86, "Bad user name or password (0x86)")]
    [InlineData("NotAuthorized", 0x87, "Not authorized (0x87)")]
    [InlineData("QoSNotSupported", 0x9B, "QoS not supported (0x9B)")]
    public void MqttReasonText_should_spell_the_reason_code_in_words_when_describing_it(string name, byte code, string text)
    {
        Assert.Equal(text, MqttReasonText.Of(name, code));
    }

    [Fact]
    public void MqttReasonText_should_name_the_return_code_when_it_is_one_of_mqtt_3_1_1()
    {
        Assert.Equal("Not authorized (return code 5)", MqttReasonText.Of("NotAuthorized", 5, isReturnCode: true));
    }
}
