using Microsoft.Extensions.DependencyInjection;

namespace DurableMcp.Conformance;

/// <summary>The fixtures of the Tasks extension scenarios (<c>tasks-*</c>).</summary>
internal static class TaskFixtures
{
    public static IMcpServerBuilder WithTaskFixtures(this IMcpServerBuilder builder) => builder;
}
