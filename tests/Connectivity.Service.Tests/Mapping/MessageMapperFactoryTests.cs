using Connectivity.Service.Mapping;
using Xunit;
using static Connectivity.Service.Tests.Mapping.MappingTestData;

namespace Connectivity.Service.Tests.Mapping;

/// <summary>Which engines exist (spec §7.1) and how unknown or unsupported ones are refused.</summary>
public sealed class MessageMapperFactoryTests
{
    [Theory]
    [InlineData("Ditto")]
    [InlineData("Normalized")]
    [InlineData("RawMessage")]
    [InlineData("CloudEvents")]
    public void Create_should_build_the_engines_whose_options_are_optional_without_options(string engine)
    {
        var mapper = Mapper(Engine(engine), id: "m-1");

        Assert.Equal("m-1", mapper.Id);
    }

    [Theory]
    [InlineData("ImplicitThingCreation")]
    [InlineData("UpdateTwinWithLiveResponse")]
    public void Create_should_refuse_the_engines_that_need_a_things_service_saying_they_are_not_supported(string engine)
    {
        var error = Assert.Throws<MapperConfigurationException>(() => Mapper(Engine(engine)));

        Assert.Contains($"'{engine}' is unknown", error.Message, StringComparison.Ordinal);
        Assert.Contains("not supported", error.Message, StringComparison.Ordinal);
        Assert.Contains("things service", error.Description, StringComparison.Ordinal);
    }

    [Fact]
    public void Create_should_refuse_an_unknown_engine_listing_the_known_ones()
    {
        var error = Assert.Throws<MapperConfigurationException>(() => Mapper(Engine("Telepathy")));

        Assert.Contains("'Telepathy' is unknown", error.Message, StringComparison.Ordinal);
        Assert.Contains("Ditto, JavaScript, Normalized, RawMessage, ConnectionStatus, CloudEvents", error.Description, StringComparison.Ordinal);
    }
}
