using Azure.Storage.Blobs;
using DurableMcp.Tools.Repositories;
using Microsoft.DurableTask;
using Microsoft.Extensions.Logging.Abstractions;

namespace DurableMcp.Tools.Tests;

/// <summary>The activity on the real git CLI: a repository that is not there is a row with its error, not an exception to retry.</summary>
public sealed class EvaluateRepositoryTests
{
    [Fact]
    public async Task Run_RepositoryNotThere_RowWithGitsErrorNotRetried()
    {
        var activity = new EvaluateRepository(new BlobServiceClient("UseDevelopmentStorage=true"), NullLogger<EvaluateRepository>.Instance);
        var missing = new Uri(Path.Combine(Path.GetTempPath(), "no-such-repository-" + Guid.NewGuid().ToString("N"))).AbsoluteUri;

        var row = await activity.RunAsync(new Context(), new EvaluateRepositoryInput(4, new RepositorySource(Url: missing)));

        Assert.Equal((4, missing, 0, null), (row.Index, row.Repository, row.Score, row.Checks));
        Assert.StartsWith("git clone failed: fatal: ", row.Error, StringComparison.Ordinal);
        Assert.Contains("does not appear to be a git repository", row.Error, StringComparison.Ordinal);
    }

    private sealed class Context : TaskActivityContext
    {
        public override TaskName Name => nameof(EvaluateRepository);

        public override string InstanceId => "test-task";
    }
}
