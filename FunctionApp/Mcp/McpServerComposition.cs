using DurableMcp.Conformance;
using DurableMcp.FunctionApp.Hosting;
using DurableMcp.FunctionApp.Security;
using DurableMcp.Tasks.Hosting;
using DurableMcp.Tools.Documents;
using DurableMcp.Tools.Etl;
using DurableMcp.Tools.Outputs;
using DurableMcp.Tools.Reports;
using DurableMcp.Tools.Repositories;

namespace DurableMcp.FunctionApp.Mcp;

/// <summary>What both hosts serve: the MCP server with its tools and task layer, caller identity and telemetry.</summary>
internal static class McpServerComposition
{
    public const string Endpoint = "/mcp";

    public static IServiceCollection AddDurableMcpServer(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddCallerIdentity(configuration);
        services.AddTelemetry(configuration);
        services.AddRouting();
        services
            .AddMcpServer(options =>
            {
                options.ServerInfo = new() { Name = "durable-mcp-tasks", Version = "1.0.0" };
                options.Filters.Message.IncomingFilters.Add(RequestShape.Incoming);
            })
            .WithHttpTransport()
            .WithTools<DocumentTools>()
            .WithDurableTasks(configuration)
            .WithDurableTools(typeof(ClassifyDocumentsTool))
            .WithActivity<ListDocuments>()
            .WithActivity<CheckOutputExists>()
            .WithActivity<ClassifyBatch>()
            .WithActivity<WriteClassifications>()
            .WithDurableTools(typeof(RunEtlTool))
            .WithActivity<ListEtlSources>()
            .WithActivity<PrepareEtlTable>()
            .WithActivity<ClearEtlTable>()
            .WithActivity<ScanEtlFile>()
            .WithActivity<LoadEtlChunk>()
            .WithActivity<FinishEtl>()
            .WithDurableTools(typeof(EvaluateRepositoriesTool))
            .WithActivity<EvaluateRepository>()
            .WithActivity<WriteRepositoryReport>()
            .WithDurableTools(typeof(GenerateReportTool))
            .WithActivity<RenderReportSection>()
            .WithActivity<StitchReport>()
            .WithActivity<DeleteReportParts>()
            .WithTaskOutputs<BlobTaskOutputStore>()
            .WithDurableTools(typeof(DemoTools))
            .WithActivity<RunStep>()
            .WithConformanceFixtures(configuration);

        // Tools read and write documents in the app's own storage account: the one Durable Functions uses.
        services.AddSingleton(_ => AppStorage.CreateBlobServiceClient(configuration));
        services.AddSingleton<DocumentBlobs>();
        services.AddSingleton(_ => AppStorage.CreateTableServiceClient(configuration));
        services.AddSingleton<BlobTaskOutputStore>();
        services.AddSingleton<EtlStorage>();
        services.AddHostedService<SampleDocumentSeeder>();
        return services;
    }

    /// <summary>The MCP endpoint (and, for JWT callers, the protected-resource metadata the authentication handler serves).</summary>
    public static IEndpointRouteBuilder MapDurableMcp(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapMcp(Endpoint).RequireCaller(endpoints.ServiceProvider).WithDurableTasks2025().WithDurableTaskStreams();
        endpoints.MapGet("/healthz", () => Results.Text("ok"));
        return endpoints;
    }
}
