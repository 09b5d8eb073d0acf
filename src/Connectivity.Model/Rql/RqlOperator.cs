namespace Connectivity.Model.Rql;

/// <summary>The single-value comparison operators of RQL.</summary>
public enum RqlOperator
{
    Eq,
    Ne,
    Gt,
    Ge,
    Lt,
    Le,
    Like,
    ILike,
}
