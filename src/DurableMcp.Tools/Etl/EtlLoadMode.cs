namespace DurableMcp.Tools.Etl;

/// <summary>What to do with a table that already holds rows.</summary>
public enum EtlLoadMode
{
    /// <summary>Delete every row first.</summary>
    Replace,

    /// <summary>Add to them (rows with the same keys are overwritten).</summary>
    Append,

    /// <summary>Load nothing.</summary>
    Cancel,
}
