using DurableMcp.Tools.Documents;
using DurableMcp.Tools.Etl;
using DurableMcp.Tools.Reports;
using DurableMcp.Tools.Repositories;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;

namespace DurableMcp.FunctionApp.Functions;

/// <summary>
/// One activity trigger per activity the tools call, named as the activity type: each runs that
/// <see cref="TaskActivity{TInput, TOutput}"/>, created with the worker's services. The local host registers the same types.
/// An activity that reads other tasks also binds a Durable client (<see cref="FunctionActivity.RunWithClientAsync"/>).
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

    [Function(nameof(ListEtlSources))]
    public static Task<EtlSourceList?> ListEtlSources([ActivityTrigger] ListEtlSourcesInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<ListEtlSources, ListEtlSourcesInput, EtlSourceList?>(context, input);

    [Function(nameof(PrepareEtlTable))]
    public static Task<bool> PrepareEtlTable([ActivityTrigger] string input, FunctionContext context) =>
        FunctionActivity.RunAsync<PrepareEtlTable, string, bool>(context, input);

    [Function(nameof(ClearEtlTable))]
    public static Task<long> ClearEtlTable([ActivityTrigger] string input, FunctionContext context) =>
        FunctionActivity.RunAsync<ClearEtlTable, string, long>(context, input);

    [Function(nameof(ScanEtlFile))]
    public static Task<EtlFileScan> ScanEtlFile([ActivityTrigger] ScanEtlFileInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<ScanEtlFile, ScanEtlFileInput, EtlFileScan>(context, input);

    [Function(nameof(LoadEtlChunk))]
    public static Task<EtlChunkResult> LoadEtlChunk([ActivityTrigger] LoadEtlChunkInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<LoadEtlChunk, LoadEtlChunkInput, EtlChunkResult>(context, input);

    [Function(nameof(FinishEtl))]
    public static Task<EtlOutputSizes> FinishEtl([ActivityTrigger] FinishEtlInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<FinishEtl, FinishEtlInput, EtlOutputSizes>(context, input);

    [Function(nameof(EvaluateRepository))]
    public static Task<RepositoryEvaluation> EvaluateRepository([ActivityTrigger] EvaluateRepositoryInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<EvaluateRepository, EvaluateRepositoryInput, RepositoryEvaluation>(context, input);

    [Function(nameof(WriteRepositoryReport))]
    public static Task<RepositoryReportSizes> WriteRepositoryReport([ActivityTrigger] WriteRepositoryReportInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<WriteRepositoryReport, WriteRepositoryReportInput, RepositoryReportSizes>(context, input);

    [Function(nameof(RenderReportSection))]
    public static Task<ReportSectionResult> RenderReportSection([ActivityTrigger] RenderReportSectionInput input, [DurableClient] DurableTaskClient client, FunctionContext context) =>
        FunctionActivity.RunWithClientAsync<RenderReportSection, RenderReportSectionInput, ReportSectionResult>(context, input, client);

    [Function(nameof(StitchReport))]
    public static Task<ReportSizes> StitchReport([ActivityTrigger] StitchReportInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<StitchReport, StitchReportInput, ReportSizes>(context, input);

    [Function(nameof(DeleteReportParts))]
    public static Task<int> DeleteReportParts([ActivityTrigger] DeleteReportPartsInput input, FunctionContext context) =>
        FunctionActivity.RunAsync<DeleteReportParts, DeleteReportPartsInput, int>(context, input);
}
