namespace Connectivity.Model.Rql;

/// <summary>The type of an <see cref="RqlLiteral"/>.</summary>
public enum RqlLiteralKind
{
    String,
    Number,
    Boolean,
    Null,
}
