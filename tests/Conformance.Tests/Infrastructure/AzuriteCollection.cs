using DurableMcp.Testing;

namespace DurableMcp.Conformance.Tests.Infrastructure;

/// <summary>The test classes that share one Azurite.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
