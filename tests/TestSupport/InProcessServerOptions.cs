using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Testing;

/// <summary>What an <see cref="InProcessServer"/> serves beyond the task layer: a suite's test-only durable tools.</summary>
public sealed class InProcessServerOptions
{
    /// <summary>
    /// Registers the durable tools and their activities, for example
    /// <c>mcp => mcp.WithDurableTools&lt;MyTools&gt;().WithActivity&lt;MyActivity&gt;()</c>.
    /// </summary>
    public required Action<IMcpServerBuilder> Tools { get; init; }

    /// <summary>How the server's task hub is named (a prefix; see <see cref="TaskHubs.New"/>).</summary>
    public string TaskHubPrefix { get; init; } = "inprocess";

    /// <summary>
    /// Runs on the built app's services before it starts: for settings configuration does not reach (such as an internal
    /// member the suite can see and this library cannot).
    /// </summary>
    public Action<IServiceProvider>? Configure { get; init; }
}
