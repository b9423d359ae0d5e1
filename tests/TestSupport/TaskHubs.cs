namespace DurableMcp.Testing;

/// <summary>Unique task hub and container names, so test classes sharing one Azurite never see each other's data.</summary>
public static class TaskHubs
{
    /// <summary>A task hub name: the prefix (lowercase letters) and 8 random hex digits.</summary>
    public static string New(string prefix) => prefix + Guid.NewGuid().ToString("N")[..8];

    /// <summary>A blob container name: the prefix, a dash and 8 random hex digits.</summary>
    public static string NewContainer(string prefix) => prefix + "-" + Guid.NewGuid().ToString("N")[..8];
}
