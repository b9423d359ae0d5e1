using DurableMcp.Testing;

namespace DurableMcp.FunctionApp.Tests.Infrastructure;

/// <summary>The test classes that share the one Azurite of the run.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
