using DurableMcp.Tools.Documents;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// One activity trigger per activity the tools call, named as the activity type: each runs that
/// <see cref="TaskActivity{TInput, TOutput}"/>, created with the worker's services. The local host registers the same types.
/// </summary>
internal sealed class ActivityFunctions
{
    [Function(nameof(ListDocuments))]
    public static Task<List<string>?> ListDocuments([ActivityTrigger] ListDocumentsInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<ListDocuments, ListDocumentsInput, List<string>?>(context, input);

    [Function(nameof(CheckOutputExists))]
    public static Task<bool> CheckOutputExists([ActivityTrigger] string input, FunctionContext context) =>
        FunctionActivity.RunAsync<CheckOutputExists, string, bool>(context, input);

    [Function(nameof(ClassifyBatch))]
    public static Task<BatchSummary> ClassifyBatch([ActivityTrigger] ClassifyBatchInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<ClassifyBatch, ClassifyBatchInput, BatchSummary>(context, input);

    [Function(nameof(WriteClassifications))]
    public static Task<MergedOutput> WriteClassifications([ActivityTrigger] WriteClassificationsInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<WriteClassifications, WriteClassificationsInput, MergedOutput>(context, input);

    [Function(nameof(RunStep))]
    public static Task<int> RunStep([ActivityTrigger] RunStepInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<RunStep, RunStepInput, int>(context, input);
}
