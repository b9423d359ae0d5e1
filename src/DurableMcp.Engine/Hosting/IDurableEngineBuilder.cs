using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Engine.Hosting;

/// <summary>Configures the durable engine; returned by <see cref="DurableEngineServiceCollectionExtensions.AddDurableEngine"/>.</summary>
public interface IDurableEngineBuilder
{
    /// <summary>The service collection the engine is registered in.</summary>
    IServiceCollection Services { get; }
}

internal sealed class DurableEngineBuilder(IServiceCollection services) : IDurableEngineBuilder
{
    public IServiceCollection Services { get; } = services;
}
