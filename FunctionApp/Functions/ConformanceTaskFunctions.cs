using System.Text.Json;
using DurableMcp.Conformance;
using DurableMcp.Tasks.Tools;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// The triggers of the <c>tasks-*</c> conformance fixtures' orchestrations and activity. Indexed always, scheduled only
/// while <c>Conformance:Enabled</c> registers the fixtures (nothing starts an orchestration of a tool that is not listed).
/// </summary>
internal sealed class ConformanceTaskFunctions(DurableToolCatalog tools)
{
    [Function("slow_compute")]
    public Task<JsonElement> SlowCompute([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("slow_compute", context);

    [Function("failing_job")]
    public Task<JsonElement> FailingJob([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("failing_job", context);

    [Function("protocol_error_job")]
    public Task<JsonElement> ProtocolErrorJob([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("protocol_error_job", context);

    [Function("confirm_delete")]
    public Task<JsonElement> ConfirmDelete([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("confirm_delete", context);

    [Function("multi_input")]
    public Task<JsonElement> MultiInput([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("multi_input", context);

    [Function("test_tool_with_task")]
    public Task<JsonElement> TestToolWithTask([OrchestrationTrigger] TaskOrchestrationContext context) => tools.RunAsync("test_tool_with_task", context);

    [Function(nameof(RunFailingJob))]
    public static Task<string> RunFailingJob([ActivityTrigger] string input, FunctionContext context) =>
        FunctionActivity.RunAsync<RunFailingJob, string, string>(context, input);
}
