using Azure;
using Azure.Storage.Blobs;
using DurableMcp.Tools.Logging;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;

namespace DurableMcp.Tools.Repositories;

/// <summary>
/// Evaluates one repository: clones it one commit deep (or downloads its bundle and clones that) into a temporary folder,
/// runs the declared checks (<see cref="RepositoryInspector"/>), scores them (<see cref="RepositoryScore"/>) and deletes
/// the folder. A repository that cannot be had (not found, not a repository, no git on the server) comes back as a row
/// with its error, so the rest of the run goes on and no retry is spent on it; any other failure (network, timeout,
/// storage) is thrown, for the orchestrator's retry policy. Checks read only the files of one commit, so running this
/// again for the same repository at the same commit gives the same row.
/// </summary>
public sealed class EvaluateRepository(BlobServiceClient blobs, ILogger<EvaluateRepository> logger) : TaskActivity<EvaluateRepositoryInput, RepositoryEvaluation>
{
    /// <summary>How long one clone may take before it counts as a (transient) failure.</summary>
    public static readonly TimeSpan CloneTimeout = TimeSpan.FromMinutes(2);

    /// <summary>The largest bundle downloaded.</summary>
    public const long MaxBundleBytes = 512L * 1024 * 1024;

    public override async Task<RepositoryEvaluation> RunAsync(TaskActivityContext context, EvaluateRepositoryInput input)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(input);
        var name = input.Source.Describe();
        var (version, problem) = await GitCli.VersionAsync();
        if (version is null)
        {
            return RepositoryEvaluation.Failed(input.Index, name, $"git is not available on the server ('git --version' failed: {problem}); install Git and put it on the PATH.");
        }

        var work = Directory.CreateTempSubdirectory("durable-mcp-eval-");
        try
        {
            var checkout = Path.Combine(work.FullName, "checkout");
            var source = input.Source.Url ?? await DownloadBundleAsync(input.Source, Path.Combine(work.FullName, "repository.bundle"));
            await GitCli.CloneAsync(source, checkout, CloneTimeout);
            var commit = await GitCli.HeadAsync(checkout);
            if (commit is null)
            {
                return RepositoryEvaluation.Failed(input.Index, name, "the repository has no commits.");
            }

            var checks = RepositoryInspector.Inspect(checkout);
            var score = RepositoryScore.Of(checks);
            ToolsLog.RepositoryEvaluated(logger, input.Index, context.InstanceId, name, score);
            return new RepositoryEvaluation(input.Index, name, commit, score, checks, null);
        }
        catch (RepositoryUnavailableException e)
        {
            ToolsLog.RepositoryUnavailable(logger, input.Index, context.InstanceId, name, e.Message);
            return RepositoryEvaluation.Failed(input.Index, name, e.Message);
        }
        finally
        {
            Delete(work, input.Index, context.InstanceId);
        }
    }

    private async Task<string> DownloadBundleAsync(RepositorySource source, string path)
    {
        var blob = blobs.GetBlobContainerClient(source.Container).GetBlobClient(source.Blob);
        try
        {
            var properties = await blob.GetPropertiesAsync();
            if (properties.Value.ContentLength > MaxBundleBytes)
            {
                throw new RepositoryUnavailableException($"the bundle is {properties.Value.ContentLength:N0} bytes, more than the {MaxBundleBytes:N0} this tool downloads.");
            }

            await blob.DownloadToAsync(path);
            return path;
        }
        catch (RequestFailedException e) when (e.Status == 404)
        {
            throw new RepositoryUnavailableException($"no blob '{source.Blob}' in container '{source.Container}'.", e);
        }
    }

    private void Delete(DirectoryInfo work, int index, string taskId)
    {
        try
        {
            // Git writes its objects read-only; Windows refuses to delete those until they are writable.
            foreach (var file in work.EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint, IgnoreInaccessible = true }))
            {
                file.Attributes = FileAttributes.Normal;
            }

            work.Delete(recursive: true);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // The evaluation stands; the folder is left for the temp cleaner, and the log says where.
            ToolsLog.WorkFolderNotDeleted(logger, index, taskId, work.FullName, e);
        }
    }
}
