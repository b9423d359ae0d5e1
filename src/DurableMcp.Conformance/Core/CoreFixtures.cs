using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Conformance;

/// <summary>The fixtures of the 2026-07-28 and 2025-11-25 requirement sets (tools, prompts, resources).</summary>
internal static class CoreFixtures
{
    public static IMcpServerBuilder WithCoreFixtures(this IMcpServerBuilder builder) => builder;
}
