using DurableMcp.FunctionApp.Mcp;
using Microsoft.Azure.Functions.Worker.Builder;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// The Azure Functions mode: this process is the host's .NET isolated worker. The host owns HTTP, timers and the Durable
/// Task engine (DurableTask.AzureStorage, configured in host.json); the functions in this folder hand each invocation
/// to the same MCP server and tool orchestrations the local host runs.
/// </summary>
internal static class FunctionsHostApp
{
    public static async Task RunAsync(string[] args)
    {
        var builder = FunctionsApplication.CreateBuilder(args);
        builder.ConfigureFunctionsWebApplication();
        builder.Services.AddDurableMcpServer(builder.Configuration);
        builder.Services.AddMcpRequestPipeline();
        using var host = builder.Build();
        host.Services.GetRequiredService<ILogger<McpRequestPipeline>>()
            .LogInformation("Functions host: this process is its .NET isolated worker; Durable Functions runs the task hub");
        await host.RunAsync();
    }
}
