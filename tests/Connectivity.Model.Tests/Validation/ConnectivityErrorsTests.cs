using Connectivity.Model.Errors;
using Xunit;

namespace Connectivity.Model.Tests.Validation;

public class ConnectivityErrorsTests
{
    public static TheoryData<DittoRuntimeException, int, string> Catalogue => new()
    {
        { ConnectivityErrors.ConnectionNotFound("c"), 404, "connectivity:connection.notfound" },
        { ConnectivityErrors.ConnectionConflict("c"), 409, "connectivity:connection.conflict" },
        { ConnectivityErrors.IdNotSettable(), 400, "connectivity:id.notsettable" },
        { ConnectivityErrors.ConnectionIdInvalid("c c"), 400, "connectivity:connection.id.invalid" },
        { ConnectivityErrors.ConnectionUriInvalid("x"), 400, "connectivity:connection.uri.invalid" },
        { ConnectivityErrors.ConfigurationInvalid("m"), 400, "connectivity:connection.configuration.invalid" },
        { ConnectivityErrors.ConnectionFailed("m"), 504, "connectivity:connection.failed" },
        { ConnectivityErrors.ConnectionUnauthorized("m"), 401, "connectivity:connection.unauthorized" },
        { ConnectivityErrors.ConnectionTimeout("m"), 503, "connectivity:connection.timeout" },
        { ConnectivityErrors.ConnectionUnavailable("c"), 503, "connectivity:connection.unavailable" },
        { ConnectivityErrors.SignalIllegal("m"), 409, "connectivity:signal.illegal" },
        { ConnectivityErrors.CommandInvalid("foo"), 400, "connectivity:command.invalid" },
        { ConnectivityErrors.ConnectionsAmountIllegal(100), 400, "connectivity:connections.amount.illegal" },
        { ConnectivityErrors.PreconditionFailed("if-match", "\"rev:1\""), 412, "connectivity:precondition.failed" },
        { ConnectivityErrors.PreconditionNotModified("\"rev:1\"", "\"rev:1\""), 304, "connectivity:precondition.notmodified" },
        { ConnectivityErrors.HistoryNotFound("c", "3"), 404, "connectivity:connection.history.notfound" },
        { ConnectivityErrors.InternalError("m"), 500, "connectivity:internalerror" },
        { ConnectivityErrors.JsonInvalid("m"), 400, "json.invalid" },
        { ConnectivityErrors.JsonFieldMissing("/uri"), 400, "json.field.missing" },
        { ConnectivityErrors.JsonFormatInvalid("m"), 400, "json.format.invalid" },
        { ConnectivityErrors.TopicInvalid("t"), 400, "connectivity:topic.invalid" },
        { ConnectivityErrors.AckLabelInvalid("l"), 400, "acknowledgement:label.invalid" },
        { ConnectivityErrors.AckLabelNotUnique("l"), 409, "acknowledgement:label.not.unique" },
        { ConnectivityErrors.MessageMapperConfigInvalid("m"), 400, "connectivity:message.mapper.config.invalid" },
        { ConnectivityErrors.MediaTypeUnsupported("application/json", ["text/plain"]), 415, "mediatype.unsupported" },
        { ConnectivityErrors.RqlExpressionInvalid("eq("), 400, "rql.expression.invalid" },
        { ConnectivityErrors.CommandTypeUnknown("connectivity.commands:foo"), 400, "json.type.notparsable" },
    };

    [Theory]
    [MemberData(nameof(Catalogue))]
    public void Factory_should_produce_catalogue_status_and_code(DittoRuntimeException error, int status, string code)
    {
        var json = error.ToJson();

        Assert.Equal(status, json["status"]!.GetValue<int>());
        Assert.Equal(code, json["error"]!.GetValue<string>());
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
    }

    [Fact]
    public void Messages_should_name_the_subject_of_the_error()
    {
        Assert.Contains("my-conn", ConnectivityErrors.ConnectionNotFound("my-conn").Message, StringComparison.Ordinal);
        Assert.Contains("my-conn", ConnectivityErrors.ConnectionConflict("my-conn").Message, StringComparison.Ordinal);
        Assert.Contains("connectivity.commands:foo", ConnectivityErrors.CommandInvalid("connectivity.commands:foo").Message, StringComparison.Ordinal);
        Assert.Contains("100", ConnectivityErrors.ConnectionsAmountIllegal(100).Message, StringComparison.Ordinal);
        Assert.Contains("no mapping strategy", ConnectivityErrors.CommandTypeUnknown("x").Message, StringComparison.Ordinal);
        Assert.Contains("tcp://x", ConnectivityErrors.ConnectionUriInvalid("tcp://x").Message, StringComparison.Ordinal);
    }
}
