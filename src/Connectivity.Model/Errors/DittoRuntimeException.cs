using System.Text.Json.Nodes;

namespace Connectivity.Model.Errors;

/// <summary>
/// An error with Ditto's wire shape: HTTP status, error code (e.g. <c>connectivity:connection.notfound</c>),
/// human-readable message and optional description and href (spec §1.12).
/// </summary>
public class DittoRuntimeException : Exception
{
    public DittoRuntimeException(int status, string errorCode, string message, string? description = null, string? href = null, Exception? inner = null)
        : base(message, inner)
    {
        Status = status;
        ErrorCode = errorCode;
        Description = description;
        Href = href;
    }

    /// <summary>HTTP status code of this error.</summary>
    public int Status { get; }

    /// <summary>Ditto error code, e.g. <c>connectivity:connection.notfound</c>.</summary>
    public string ErrorCode { get; }

    public string? Description { get; }

    public string? Href { get; }

    /// <summary>The error JSON: <c>status</c>, <c>error</c>, <c>message</c>, optional <c>description</c>, <c>href</c>.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["status"] = Status,
            ["error"] = ErrorCode,
            ["message"] = Message,
        };
        if (Description is not null)
        {
            json["description"] = Description;
        }

        if (Href is not null)
        {
            json["href"] = Href;
        }

        return json;
    }

    /// <summary>Reads an error JSON back (e.g. a reply from another node).</summary>
    public static DittoRuntimeException FromJson(JsonObject json) =>
        new(
            json["status"]?.GetValue<int>() ?? 500,
            json["error"]?.GetValue<string>() ?? "connectivity:internalerror",
            json["message"]?.GetValue<string>() ?? "An unknown error occurred.",
            json["description"]?.GetValue<string>(),
            json["href"]?.GetValue<string>());
}
