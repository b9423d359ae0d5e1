using System.Text.Json;
using DurableMcp.Tasks.Tools;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// One orchestration trigger per durable tool, named as the tool: each runs the tool's orchestrator. The local host
/// registers the same orchestrators from the catalog; a test checks that the two lists agree.
/// </summary>
internal sealed class ToolOrchestrationFunctions(DurableToolCatalog tools)
{
    [Function("classify_documents")]
    public Task<JsonElement> ClassifyDocuments([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("classify_documents", context);

    [Function("run_etl")]
    public Task<JsonElement> RunEtl([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("run_etl", context);

    [Function("evaluate_repositories")]
    public Task<JsonElement> EvaluateRepositories([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("evaluate_repositories", context);

    [Function("generate_report")]
    public Task<JsonElement> GenerateReport([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("generate_report", context);

    [Function("run_steps")]
    public Task<JsonElement> RunSteps([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("run_steps", context);
}
