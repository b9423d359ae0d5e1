namespace DurableMcp.Engine.Tests.Infrastructure;

/// <summary>The tests that share the run's Azurite. They run one after another, so timings stay predictable on two cores.</summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Azurite";
}
