namespace DurableMcp.Tools.Etl;

/// <summary>The types a column casts to, and the casts: invariant culture, whole value, nothing guessed.</summary>
internal enum EtlValueType
{
    String,
    Int,
    Long,
    Double,
    Bool,
    DateTime,
}
