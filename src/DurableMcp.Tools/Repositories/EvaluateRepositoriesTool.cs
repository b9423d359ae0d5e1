using System.ComponentModel;
using System.ComponentModel.DataAnnotations;
using System.Globalization;
using System.Text.Json;
using DurableMcp.Tasks.Outputs;
using DurableMcp.Tasks.Tools;
using Microsoft.DurableTask;
using ModelContextProtocol.Protocol;
using ModelContextProtocol.Server;

namespace DurableMcp.Tools.Repositories;

/// <summary>
/// An evaluation across many repositories as a durable tool: the orchestrator. One activity per repository (clone or
/// unbundle, checks, score), a few at a time (fan-out/fan-in, progress after each); a repository that fails is a row
/// with its error and the others go on. Each repository's row is in the orchestration's history once its activity
/// finishes, so a restarted host does not evaluate it again. The table and the ranking are written as task outputs.
/// </summary>
public static class EvaluateRepositoriesTool
{
    /// <summary>The most repositories one run evaluates.</summary>
    public const int MaxRepositories = 500;

    /// <summary>How many times a repository is tried when its clone or download fails for a reason that may pass.</summary>
    public const int Attempts = 3;

    /// <summary>
    /// Transient failures (network, timeout, storage) are tried <see cref="Attempts"/> times, 2 s then 4 s apart. A
    /// repository that is not there is not retried: the activity answers it as a row with its error.
    /// </summary>
    private static readonly TaskOptions Retry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: Attempts, firstRetryInterval: TimeSpan.FromSeconds(2), backoffCoefficient: 2));

    private static readonly TaskOptions WriteRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(maxNumberOfAttempts: 3, firstRetryInterval: TimeSpan.FromSeconds(1)));

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [McpServerTool(Name = "evaluate_repositories", Title = "Evaluate and rank Git repositories", ReadOnly = true, Destructive = false, Idempotent = true, OpenWorld = true)]
    [Description("Evaluates Git repositories, given as https:// or file:// URLs or as Git bundles (made with 'git bundle create') in blob storage, " +
                 "and ranks them. Each is cloned one commit deep into a temporary folder and checked: languages and line counts by file extension, " +
                 "tests, CI configuration, licence, README, dependency manifests, build files, TODO/FIXME density. Score 0-100: tests 25, CI 20, " +
                 "licence 15, README 10, manifest 10, build file 10, TODO/FIXME at most 1 per 1,000 lines 10 (at most 5: 5). Runs as a durable task " +
                 "with progress in repositories; a repository that cannot be fetched is reported with its error and the rest go on. The result is a " +
                 "summary (top 5) with links (resources/read) to the full table (JSON) and the ranking (Markdown). " +
                 "Example: {\"repositories\":[{\"url\":\"https://github.com/org/repo.git\"},{\"container\":\"bundles\",\"blob\":\"team/app.bundle\"}],\"parallelism\":4}")]
    [DurableTool(TaskSupport.Optional)]
    public static async Task<CallToolResult> EvaluateAsync(
        TaskOrchestrationContext context,
        [Description("The repositories (1-500), each {\"url\"} or {\"container\", \"blob\"}; none twice.")][RepositoryList] IReadOnlyList<RepositorySource> repositories,
        [Description("Repositories evaluated at the same time (1-16).")][Range(1, 16)] int parallelism = 4)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(repositories);
        var inputs = repositories.Select((source, i) => new EvaluateRepositoryInput(i, source)).ToList();
        var done = 0;
        context.SetStatusMessage(Progress(0, inputs.Count));
        var evaluations = await context.FanOutAsync<EvaluateRepositoryInput, RepositoryEvaluation>(
            nameof(EvaluateRepository),
            inputs,
            parallelism,
            Retry,
            (_, _) => context.SetStatusMessage(Progress(++done, inputs.Count)),
            (i, failure) => RepositoryEvaluation.Failed(i, inputs[i].Source.Describe(), $"failed {Attempts} times, last: {failure.FailureDetails.ErrorMessage}"));

        context.SetStatusMessage(Progress(inputs.Count, inputs.Count) + "; writing the table and the ranking");
        var sizes = await context.CallActivityAsync<RepositoryReportSizes>(nameof(WriteRepositoryReport), new WriteRepositoryReportInput(context.InstanceId, evaluations), WriteRetry);

        var ranked = RepositoryRanking.Order(evaluations);
        var failed = evaluations.Where(e => e.Error is not null).ToList();
        var summary = new RepositoryEvaluationSummary(
            inputs.Count,
            ranked.Count,
            failed.Count,
            [.. ranked.Take(5).Select((e, i) => new RepositoryRank(i + 1, e.Repository, e.Score))],
            [.. failed.Take(5).Select(e => new RepositoryFailure(e.Repository, e.Error!))],
            new Dictionary<string, string>(StringComparer.Ordinal)
            {
                ["table"] = TaskOutputUri.For(context.InstanceId, WriteRepositoryReport.TableName),
                ["ranking"] = TaskOutputUri.For(context.InstanceId, WriteRepositoryReport.RankingName),
            });
        var element = JsonSerializer.SerializeToElement(summary, Json);
        context.SetStatusMessage(string.Create(CultureInfo.InvariantCulture, $"{ranked.Count:N0} / {inputs.Count:N0} repositories evaluated, {failed.Count:N0} failed"));
        return new CallToolResult
        {
            Content =
            [
                new TextContentBlock { Text = element.GetRawText() },
                TaskOutputLinks.For(context.InstanceId, WriteRepositoryReport.TableName, "application/json", sizes.TableBytes,
                    "Every repository's row, in the order given: rank, score, commit, checks (languages, tests, CI, licence, manifests, build files, TODO density) or error."),
                TaskOutputLinks.For(context.InstanceId, WriteRepositoryReport.RankingName, "text/markdown", sizes.RankingBytes,
                    "The ranking as a Markdown table, then the repositories that could not be evaluated."),
            ],
            StructuredContent = element,
        };
    }

    private static string Progress(int done, int total) => string.Create(CultureInfo.InvariantCulture, $"{done:N0} / {total:N0} repositories evaluated");
}
