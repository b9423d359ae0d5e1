using System.Diagnostics;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>Registers the pipeline and what its middleware needs that a web host would otherwise provide.</summary>
internal static class McpRequestPipelineServiceCollectionExtensions
{
    public static IServiceCollection AddMcpRequestPipeline(this IServiceCollection services)
    {
        // Routing middleware reports through a DiagnosticListener; ASP.NET Core's web host registers one, a worker may not.
        services.TryAddSingleton(_ => new DiagnosticListener("Microsoft.AspNetCore"));
        services.TryAddSingleton<DiagnosticSource>(sp => sp.GetRequiredService<DiagnosticListener>());
        services.TryAddSingleton<McpRequestPipeline>();
        return services;
    }
}
