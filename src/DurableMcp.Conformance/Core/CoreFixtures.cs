using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableMcp.Conformance;

/// <summary>
/// The fixtures of the 2026-07-28 and 2025-11-25 requirement sets that are not about tasks: content tools, the
/// <c>server-stateless</c> diagnostics, the MRTR tools and prompt, the x-mcp-header tool, a JSON Schema 2020-12 tool,
/// prompts, resources and completions. All are quick (no durable state); MRTR here is the SDK's stateless one.
/// </summary>
internal static class CoreFixtures
{
    public static IMcpServerBuilder WithCoreFixtures(this IMcpServerBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.TryAddSingleton(TimeProvider.System);
        builder.Services.TryAddSingleton<RequestStateProtector>();
        builder.Services.AddSingleton(JsonSchemaTool.Create());
        return builder
            .WithTools([typeof(ContentTools), typeof(StatelessDiagnosticTools), typeof(InputRequiredTools), typeof(HeaderTools)])
            .WithPrompts([typeof(FixturePrompts)])
            .WithResources([typeof(FixtureResources)])
            .WithCompleteHandler(FixtureCompletions.CompleteAsync)
            .WithRequestFilters(filters => filters.AddReadResourceFilter(ResourceNotFoundFilter.Wrap));
    }
}
