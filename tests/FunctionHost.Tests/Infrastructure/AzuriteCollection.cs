using DurableMcp.Testing;

namespace DurableMcp.FunctionHost.Tests.Infrastructure;

/// <summary>
/// The tests that run the handler against Azurite. They run one after another: the function.json files name one work
/// queue, which the emulated host drains whole, so concurrent tests would take each other's messages.
/// </summary>
[CollectionDefinition(Name)]
public sealed class AzuriteCollection : ICollectionFixture<AzuriteFixture>
{
    public const string Name = "Functions host on Azurite";
}
